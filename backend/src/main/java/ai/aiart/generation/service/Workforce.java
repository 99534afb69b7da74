package ai.aiart.generation.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import ai.aiart.generation.QueueConfig;

/**
 * How many workers take jobs from the shared queue: this instance's, and those of every live
 * peer as its last check found them ({@code peers/PeerChecker}, from the peer's internal status).
 * The wait estimate divides by it (docs/GENERATION.md, {@code eta_seconds}), so with two backends
 * working the queue it is not twice too long. No store command: the figures are in memory.
 */
@ApplicationScoped
public class Workforce {

    /** What one peer last said, and when. */
    private record Peer(int workers, Instant seen) {
    }

    private final int own;
    private final Duration fresh;
    private final Clock clock;
    private final Map<String, Peer> peers = new ConcurrentHashMap<>();

    /** {@code peerChecks}: the schedule of the peers' checks, read by its key (peers sits above generation). */
    public Workforce(QueueConfig config, @ConfigProperty(name = "aiart.peers.check-every") String peerChecks, Clock clock) {
        this.own = Math.max(0, config.workers());
        // a peer counts until it missed about three checks in a row
        this.fresh = io.quarkus.runtime.configuration.DurationConverter.parseDuration(peerChecks)
                .multipliedBy(3).plusSeconds(5);
        this.clock = clock;
    }

    /**
     * A check of {@code peer} found {@code workers} taking jobs (0 when it is down, unreachable,
     * hibernating or did not say).
     */
    public void observed(String peer, int workers) {
        peers.put(peer, new Peer(Math.max(0, workers), clock.instant()));
    }

    /** This instance's workers. */
    public int own() {
        return own;
    }

    /** Workers of this instance and of the peers seen working recently; at least 1. */
    public int total() {
        Instant since = clock.instant().minus(fresh);
        int total = own;
        for (Peer peer : peers.values()) {
            if (peer.seen().isAfter(since)) {
                total += peer.workers();
            }
        }
        return Math.max(1, total);
    }
}
