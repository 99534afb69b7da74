package ai.aiart.generation.service;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import ai.aiart.core.Identity;

/**
 * How many store reads a caller's refused keyed requests may still cost this minute. A refused
 * creation or upload with an {@code Idempotency-Key} may be the resubmission of a job another
 * instance made (a hedge, a failover; docs/FAILOVER.md), so its key is looked up — a few times a
 * minute per caller, so that a caller hammering past a limit with a new key each time keeps
 * costing no store command, as every other refusal (docs/ARCHITECTURE.md, "Store budget").
 */
@ApplicationScoped
public class RefusedKeyLookups {

    /** Look-ups per caller in a minute (from its first). */
    static final int PER_MINUTE = 3;

    private final Cache<String, AtomicInteger> spent = Caffeine.newBuilder()
            .expireAfterWrite(Duration.ofMinutes(1)).maximumSize(10_000).build();

    /** Whether a refused keyed request of {@code who} may look its key up; counts the look-up. */
    public boolean mayLookUp(Identity who) {
        return spent.get(who.key(), k -> new AtomicInteger()).incrementAndGet() <= PER_MINUTE;
    }
}
