package ai.aiart.ratelimit;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;

import jakarta.enterprise.context.ApplicationScoped;

import ai.aiart.auth.Identity;
import ai.aiart.auth.Tier;
import ai.aiart.config.AiartConfig;
import ai.aiart.web.ErrorType;
import ai.aiart.web.ProblemException;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Fair use of generation (DESIGN §6): one token bucket per identity, kept in the store and
 * changed by compare-and-swap, so any number of instances grant exactly what one would.
 * Blocks are kept in the same document and cached here, so a blocked flood is refused
 * without touching the store.
 */
@ApplicationScoped
public class RateLimiter {

    private static final int MAX_SWAPS = 500;

    private final BucketRepository buckets;
    private final LoadAdaptation load;
    private final AiartConfig.RateLimit config;
    private final Clock clock;
    private final MeterRegistry meters;
    private final ManualBlocks manualBlocks;
    private final Map<String, Long> blockedUntil = new ConcurrentHashMap<>();

    public RateLimiter(BucketRepository buckets, LoadAdaptation load, AiartConfig config, Clock clock, MeterRegistry meters,
            ManualBlocks manualBlocks) {
        this.buckets = buckets;
        this.manualBlocks = manualBlocks;
        this.load = load;
        this.config = config.rateLimit();
        this.clock = clock;
        this.meters = meters;
    }

    /** The bucket {@code who} gets now (tier capacity, halved under load). */
    public Limits limitsFor(Identity who) {
        boolean reduced = load.reduced();
        int capacity = who.capacityOverride() != null ? who.capacityOverride() : capacity(who.tier());
        return new Limits(who.tier().wire(), LoadAdaptation.adapt(capacity, reduced), config.window().toMillis(),
                config.grace(), reduced);
    }

    /**
     * Refuses at once, from the local cache, an identity this instance knows to be blocked, or
     * that an admin blocked (from the snapshot of admin blocks).
     */
    public void checkBlocked(Identity who) {
        long now = clock.millis();
        manualBlocks.refreshIfDue(now).forEach(blockedUntil::remove);
        long manual = manualBlocks.until(who.key(), now);
        if (manual > now) {
            long seconds = Math.max(1, (manual - now + 999) / 1000);
            throw new ProblemException(ErrorType.BLOCKED, "Creating is paused for you by AiArt's admins for "
                    + seconds(seconds) + ".", seconds, null, Map.of(), new Admission(limitsFor(who), 0, seconds, 0).headers());
        }
        Long until = blockedUntil.get(who.key());
        if (until != null) {
            if (until > now) {
                throw blocked(until - now, who);
            }
            blockedUntil.remove(who.key(), until);
        }
    }

    /** Takes a token for one generation request, or refuses with 429. */
    public Admission admit(Identity who) {
        checkBlocked(who);
        Limits limits = limitsFor(who);
        for (int attempt = 0; attempt < MAX_SWAPS; attempt++) {
            long now = clock.millis();
            Optional<BucketState> stored = buckets.load(who.key());
            if (stored.isPresent() && stored.get().blockedUntil > now) {
                blockedUntil.put(who.key(), stored.get().blockedUntil);
                throw blocked(stored.get().blockedUntil - now, who);
            }
            BucketState current = stored.orElseGet(() -> TokenBucket.fresh(who.key(), limits, now));
            TokenBucket.Decision decision = TokenBucket.take(current, limits, now,
                    config.maxRetryAfter().toMillis(), config.abuseWindow().toMillis());
            BucketState next = decision.next();
            boolean blocking = !decision.allowed() && next.windowRefusals > config.abuseThreshold();
            if (blocking) {
                next.blocks++;
                long length = Math.min(config.maxBlock().toMillis(),
                        config.blockFor().toMillis() << Math.min(20, next.blocks - 1));
                next.blockedUntil = now + length;
                next.windowRefusals = 0;
            }
            if (!buckets.compareAndSwap(stored.orElse(null), next)) {
                LockSupport.parkNanos(ThreadLocalRandom.current().nextLong(200_000, 2_000_000));
                continue;
            }
            Admission admission = new Admission(limits, decision.remaining(), decision.resetSeconds(), decision.graceLeft());
            if (blocking) {
                blockedUntil.put(who.key(), next.blockedUntil);
                count(who, "blocked");
                throw blocked(next.blockedUntil - now, who);
            }
            if (!decision.allowed()) {
                count(who, "rate_limited");
                throw refused(who, limits, decision.retryAfterSeconds(), admission);
            }
            return admission;
        }
        throw new ProblemException(ErrorType.RESOURCE_LIMIT, "AiArt is very busy right now. Please try again in a moment.",
                2L, null, Map.of());
    }

    /**
     * Lifts the automatic block of {@code key} (an admin's decision): in the store and in this
     * instance's cache. Other instances drop their cached copy when they see the admin's lift
     * record ({@link ManualBlocks#lift}). False when the identity was not blocked.
     */
    public boolean liftAutomaticBlock(String key) {
        for (int attempt = 0; attempt < MAX_SWAPS; attempt++) {
            long now = clock.millis();
            Optional<BucketState> stored = buckets.load(key);
            if (stored.isEmpty() || stored.get().blockedUntil <= now) {
                blockedUntil.remove(key);
                return false;
            }
            BucketState next = stored.get().copy();
            next.blockedUntil = 0;
            next.windowRefusals = 0;
            next.consecutiveRefusals = 0;
            if (buckets.compareAndSwap(stored.get(), next)) {
                blockedUntil.remove(key);
                return true;
            }
        }
        throw new IllegalStateException("could not lift the block of " + key);
    }

    /** The caller's state without taking anything (for {@code /limits} and replays). */
    public LimitsView peek(Identity who) {
        Limits limits = limitsFor(who);
        long now = clock.millis();
        BucketState state = buckets.load(who.key()).orElseGet(() -> TokenBucket.fresh(who.key(), limits, now));
        double tokens = TokenBucket.tokensAt(state, limits, now);
        long nextRefill = tokens >= limits.capacity() ? 0 : (long) Math.ceil((Math.floor(tokens) + 1 - tokens) / limits.refillPerMs() / 1000.0);
        long blocked = Math.max(0, state.blockedUntil - now);
        BucketState probe = state.copy();
        probe.tokens = tokens;
        return new LimitsView(limits, (int) Math.floor(tokens), Math.max(0, limits.grace() - state.graceUsed),
                nextRefill, TokenBucket.resetSeconds(probe, limits), blocked == 0 ? 0 : (blocked + 999) / 1000);
    }

    /** What {@link #peek} found. */
    public record LimitsView(Limits limits, int tokensLeft, int graceLeft, long nextRefillSeconds, long resetSeconds,
            long blockedSeconds) {

        public Admission admission() {
            return new Admission(limits, tokensLeft, resetSeconds, graceLeft);
        }
    }

    private int capacity(Tier tier) {
        return switch (tier) {
            case ANONYMOUS -> config.anonymous();
            case REGISTERED -> config.registered();
            case DONOR -> config.donor();
            case ADMIN -> config.admin();
        };
    }

    private ProblemException refused(Identity who, Limits limits, long retryAfter, Admission admission) {
        String message = "You've used your " + limits.capacity() + " creations for this " + windowWord()
                + ". Try again in " + seconds(retryAfter) + upgrade(who.tier(), limits.reduced()) + ".";
        if (limits.reduced()) {
            message += " (AiArt is busy, so every limit is halved for now.)";
        }
        return new ProblemException(ErrorType.RATE_LIMITED, message, retryAfter, config.donationLink(), Map.of(),
                admission.headers());
    }

    private ProblemException blocked(long remainingMs, Identity who) {
        long seconds = Math.max(1, (remainingMs + 999) / 1000);
        return new ProblemException(ErrorType.BLOCKED, "Too many requests in a short time: creating is paused for you for "
                + seconds(seconds) + ". Please slow down.", seconds, config.donationLink(), Map.of(),
                new Admission(limitsFor(who), 0, seconds, 0).headers());
    }

    private String upgrade(Tier tier, boolean reduced) {
        int registered = LoadAdaptation.adapt(config.registered(), reduced);
        int donor = LoadAdaptation.adapt(config.donor(), reduced);
        return switch (tier) {
            case ANONYMOUS -> ", sign in for " + registered + " a " + windowWord() + ", or donate for " + donor;
            case REGISTERED -> ", or donate for " + donor + " a " + windowWord();
            default -> "";
        };
    }

    private String windowWord() {
        long seconds = config.window().toSeconds();
        return seconds == 60 ? "minute" : seconds == 3600 ? "hour" : seconds + " seconds";
    }

    static String seconds(long seconds) {
        if (seconds < 120) {
            return seconds + (seconds == 1 ? " second" : " seconds");
        }
        long minutes = (seconds + 59) / 60;
        return minutes < 120 ? minutes + " minutes" : ((minutes + 59) / 60) + " hours";
    }

    private void count(Identity who, String reason) {
        meters.counter("aiart.throttled", "tier", who.tier().wire(), "reason", reason).increment();
    }
}
