package ai.aiart.generation.service;

import java.time.Clock;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import ai.aiart.generation.repository.JobRepository;
import ai.aiart.store.StartupStoreWork;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;

/**
 * Which request fingerprints may have a result to reuse, so that a seeded request seen for the
 * first time costs no store read (docs/ARCHITECTURE.md, "Store budget"). A request with an
 * explicit seed is answered from an identical earlier request's stored result; looking that up
 * for every seeded request was one command each, and almost every seed is new.
 *
 * <p>The hints are the fingerprints of the succeeded seeded jobs, read once at start (one command
 * and its batches, at most {@link #MAX} of the newest), and of every seeded job this instance
 * stores from then on. A hint is only a hint: a fingerprint known here is still looked up (its
 * job may have failed, expired or still wait), and one made on the other backend since this one
 * started is missed, so that request is generated again instead of reused: an upstream call,
 * never a wrong answer. Until the first read has succeeded (the store was down at start), every
 * fingerprint counts as known, as before the hints, and the read is tried again at most every
 * {@link #RETRY_MS}.
 *
 * <p>Each hint is the first 64 bits of the fingerprint's SHA-256: about 60 bytes of memory, and a
 * collision costs one read that finds nothing.
 */
@ApplicationScoped
public class ReuseHints {

    /** At most this many fingerprints are remembered, the newest; older ones are only missed. */
    static final int MAX = 50_000;
    static final long RETRY_MS = 30_000;

    private final JobRepository jobs;
    private final Clock clock;
    private final Set<Long> known = Collections.synchronizedSet(Collections.newSetFromMap(new LinkedHashMap<>(1024, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Boolean> eldest) {
            return size() > MAX;
        }
    }));
    private volatile boolean loaded;
    private volatile long triedAt = Long.MIN_VALUE / 2;

    public ReuseHints(JobRepository jobs, Clock clock) {
        this.jobs = jobs;
        this.clock = clock;
    }

    /** Reads the hints before the first request (after the indexes, which already waited for the store). */
    void first(@Observes @Priority(20) StartupEvent event, StartupStoreWork work) {
        work.run("the reuse hints", false, this::load); // else read again when first needed
    }

    /** Whether an earlier job with this fingerprint may have a result to reuse: if not, there is nothing to look up. */
    public boolean mayHave(String fingerprint) {
        if (!loaded && clock.millis() - triedAt >= RETRY_MS) {
            load();
        }
        return !loaded || known.contains(hint(fingerprint));
    }

    /** A seeded job was stored here with this fingerprint: an identical request may reuse its result once it has one. */
    public void add(String fingerprint) {
        known.add(hint(fingerprint));
    }

    private synchronized void load() {
        if (loaded) {
            return;
        }
        triedAt = clock.millis();
        try {
            java.util.List<String> newestFirst = jobs.reusableFingerprints(MAX);
            for (int i = newestFirst.size() - 1; i >= 0; i--) {
                known.add(hint(newestFirst.get(i))); // oldest first, so the oldest go first when full
            }
            loaded = true;
            Log.debugf("Reuse hints: %d fingerprints of stored results", known.size());
        } catch (RuntimeException e) {
            Log.warnf("Reuse hints could not be read (%s): every seeded request is looked up until they are", e.toString());
        }
    }

    private static long hint(String fingerprint) {
        return HexFormat.fromHexDigitsToLong(fingerprint, 0, 16);
    }

    /** Forgets everything and reads again, as a start does (tests). */
    void reload() {
        known.clear();
        loaded = false;
        load();
    }
}
