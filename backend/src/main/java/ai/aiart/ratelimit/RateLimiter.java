package ai.aiart.ratelimit;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;

import jakarta.enterprise.context.ApplicationScoped;

import ai.aiart.core.Identity;
import ai.aiart.core.Tier;
import ai.aiart.store.Batcher;
import ai.aiart.core.ErrorType;
import ai.aiart.core.ProblemException;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Fair use of generation (docs/FAIR_USE.md): one token bucket per identity, kept in the store and
 * changed by compare-and-swap, so any number of instances grant exactly what one would.
 * Blocks are kept in the same document and cached here, so a blocked flood is refused
 * without touching the store.
 */
@ApplicationScoped
public class RateLimiter {

    private static final int MAX_SWAPS = 500;
    /** Buckets in one compare-and-swap command. */
    private static final int MAX_BATCH = 256;
    /** Remembered buckets at most (about 150 bytes each). */
    private static final int MAX_KNOWN = 20_000;
    /** How long an admission waits for its batch (the driver's own timeouts are shorter). */
    private static final java.time.Duration STORE_WAIT = java.time.Duration.ofSeconds(30);

    private final BucketRepository buckets;
    private final LoadAdaptation load;
    private final RateLimitConfig config;
    private final Clock clock;
    private final MeterRegistry meters;
    private final ManualBlocks manualBlocks;
    private final Map<String, Long> blockedUntil = new ConcurrentHashMap<>();
    /** The bucket of each identity as this instance last wrote or read it (version included). */
    private final Map<String, BucketState> known = new ConcurrentHashMap<>();
    private final Batcher<Op, Outcome> batcher;
    private final io.micrometer.core.instrument.Counter localRefusals;

    public RateLimiter(BucketRepository buckets, LoadAdaptation load, RateLimitConfig config, Clock clock, MeterRegistry meters,
            ManualBlocks manualBlocks) {
        this.buckets = buckets;
        this.manualBlocks = manualBlocks;
        this.load = load;
        this.config = config;
        this.clock = clock;
        this.meters = meters;
        this.localRefusals = meters.counter("aiart.ratelimit.refused.from.memory");
        this.batcher = new Batcher<>("aiart-admissions", MAX_BATCH, STORE_WAIT, this::decide);
    }

    /** The bucket {@code who} gets now (tier capacity, halved under load). */
    public Limits limitsFor(Identity who) {
        boolean reduced = load.reduced();
        int capacity = who.capacityOverride() != null ? who.capacityOverride() : capacity(who.tier());
        return new Limits(who.tier().wire(), LoadAdaptation.adapt(capacity, reduced), config.window().toMillis(),
                config.grace(), reduced, load.backoff());
    }

    /**
     * Refuses at once, from the local cache, an identity this instance knows to be blocked, or
     * that an admin blocked (from the snapshot of admin blocks).
     */
    public void checkBlocked(Identity who) {
        long now = clock.millis();
        manualBlocks.refreshIfDue(now).forEach(key -> {
            blockedUntil.remove(key);
            known.remove(key);
        });
        // an admin's block of an address holds for the accounts signed in from it too
        for (String key : blockKeys(who)) {
            long manual = manualBlocks.until(key, now);
            if (manual > now) {
                long seconds = Math.max(1, (manual - now + 999) / 1000);
                throw new ProblemException(ErrorType.BLOCKED, "Creating is paused for you by AiArt's admins for "
                        + seconds(seconds) + ".", seconds, null, Map.of(), new Admission(limitsFor(who), 0, seconds, 0).headers());
            }
            Long until = blockedUntil.get(key);
            if (until != null) {
                if (until > now) {
                    throw blocked(until - now, who);
                }
                blockedUntil.remove(key, until);
            }
        }
    }

    /**
     * {@link #checkBlocked} when it needs nothing but this instance's memory — always, once the
     * admins' blocks were loaded the first time — and false, having checked nothing, before that.
     */
    public boolean checkBlockedInMemory(Identity who) {
        if (!manualBlocks.firstLoadDone()) {
            return false;
        }
        checkBlocked(who);
        return true;
    }

    /** The identity's own key, and the address it calls from when that is another (a signed-in caller's). */
    private static List<String> blockKeys(Identity who) {
        return who.address() == null || who.address().equals(who.key()) ? List.of(who.key()) : List.of(who.key(), who.address());
    }

    /**
     * One bucket a request is charged to: the caller's own, or an allowance it shares with others
     * of its address or network (docs/FAIR_USE.md, "Shared allowances"). A shared one has no grace
     * and never blocks: refusals there say the network is busy, not that this caller misbehaved.
     */
    private record Charge(String key, Limits limits, boolean shared, String whose) {
    }

    /**
     * What a request of {@code who} is charged to, its own bucket first:
     * <ul>
     * <li>an account whose e-mail is not verified (tier anonymous) also spends its address's visitor
     * allowance, so accounts scripted from one address share what one visitor there gets;</li>
     * <li>a verified account below admin also spends its address's allowance for accounts
     * ({@code aiart.rate-limit.per-address});</li>
     * <li>an anonymous caller or unverified account on IPv6 also spends its /48's allowance
     * ({@code aiart.rate-limit.per-ipv6-range}; 0 turns it off).</li>
     * </ul>
     */
    private List<Charge> chargesFor(Identity who) {
        Limits own = limitsFor(who);
        List<Charge> charges = new ArrayList<>(3);
        charges.add(new Charge(who.key(), own, false, null));
        if (who.tier() == Tier.ADMIN) {
            return charges;
        }
        if (who.signedIn() && who.address() != null) {
            charges.add(who.tier() == Tier.ANONYMOUS
                    ? new Charge(who.address(), sharedLimits("anonymous", config.anonymous(), own), true, "address")
                    : new Charge("addr:" + who.address(), sharedLimits("address", config.perAddress(), own), true, "address"));
        }
        if (who.range() != null && who.tier() == Tier.ANONYMOUS && config.perIpv6Range() > 0) {
            charges.add(new Charge(who.range(), sharedLimits("network", config.perIpv6Range(), own), true, "network"));
        }
        return charges;
    }

    private Limits sharedLimits(String policy, int capacity, Limits own) {
        return new Limits(policy, LoadAdaptation.adapt(capacity, own.reduced()), config.window().toMillis(), 0, own.reduced(),
                own.backoff());
    }

    /**
     * Takes a token for one generation request, or refuses with 429.
     *
     * <p>A refusal this instance can already see costs no store command: the bucket it last wrote or
     * read only ever loses tokens to other instances (they take, nobody adds), so when that copy has
     * none, the stored one has none either. Everything else goes to the store through one batch
     * writer: concurrent admissions share a single compare-and-swap command, each bucket's version
     * still checked on its own, so N instances grant exactly what one would.
     */
    public Admission admit(Identity who) {
        checkBlocked(who);
        List<Charge> charges = chargesFor(who);
        for (Charge charge : charges) {
            refuseFromMemory(who, charge);
        }
        if (charges.size() == 1) {
            return answer(who, charges.get(0), batcher.submit(takeOp(charges.get(0))));
        }
        List<Outcome> outcomes;
        try {
            outcomes = batcher.submitAll(charges.stream().map(this::takeOp).toList());
        } catch (Batcher.PartialFailure partial) {
            giveBackAllowed(who, charges, partial.answers());
            throw (RuntimeException) partial.getCause();
        }
        // all or nothing: a refusal by any bucket gives back what the others granted
        for (int i = 0; i < charges.size(); i++) {
            Outcome outcome = outcomes.get(i);
            if (outcome.blockedUntil() > clock.millis() || !outcome.decision().allowed()) {
                giveBackAllowed(who, charges, outcomes);
                answer(who, charges.get(i), outcome); // throws the refusal of that bucket
            }
        }
        return answer(who, charges.get(0), outcomes.get(0));
    }

    private Op takeOp(Charge charge) {
        return new Op(charge.key(), charge.limits(), false, false, charge.shared(), defers(charge));
    }

    /** Whether a request over this allowance waits in the deferred lane instead of being refused. */
    private boolean defers(Charge charge) {
        return !charge.shared() && defersOverLimit();
    }

    /** Whether a request over the caller's own allowance is deferred ({@code aiart.rate-limit.over-limit}). */
    public boolean defersOverLimit() {
        return config.overLimit() == RateLimitConfig.OverLimit.DEFER;
    }

    /** Gives back the tokens of the buckets whose answer (in {@code outcomes}) granted one. */
    private void giveBackAllowed(Identity who, List<Charge> charges, List<?> outcomes) {
        List<Op> back = new ArrayList<>();
        for (int i = 0; i < charges.size(); i++) {
            if (outcomes.get(i) instanceof Outcome o && o.decision() != null && o.decision().allowed() && o.blockedUntil() <= clock.millis()) {
                back.add(new Op(charges.get(i).key(), charges.get(i).limits(), true, o.decision().grace(), charges.get(i).shared(),
                        false));
            }
        }
        if (!back.isEmpty()) {
            try {
                batcher.submitAll(back);
            } catch (RuntimeException e) {
                io.quarkus.logging.Log.warnf("Could not give back the tokens of %s: %s", who.key(), e.toString());
            }
        }
    }

    /**
     * Gives back the token a request took when it turned out to be a resubmission of a job that
     * already exists (another instance stored it first): resubmissions are free.
     */
    public void refund(Identity who, Admission taken) {
        List<Op> back = new ArrayList<>();
        for (Charge charge : chargesFor(who)) {
            back.add(new Op(charge.key(), charge.limits(), true, !charge.shared() && taken.byGrace(), charge.shared(), false));
        }
        try {
            batcher.submitAll(back);
        } catch (RuntimeException e) {
            io.quarkus.logging.Log.warnf("Could not give back a token to %s: %s", who.key(), e.toString());
        }
    }

    /** Throws the 429 when the remembered bucket already has no token; returns when the store must decide. */
    private void refuseFromMemory(Identity who, Charge charge) {
        Limits limits = charge.limits();
        BucketState seen = known.get(charge.key());
        if (seen == null) {
            return;
        }
        long now = clock.millis();
        TokenBucket.Decision decision = TokenBucket.take(seen, limits, now, config.maxRetryAfter().toMillis(),
                config.abuseWindow().toMillis(), defers(charge));
        if (decision.allowed() || (!charge.shared() && decision.next().windowRefusals > config.abuseThreshold())) {
            return; // a token may be there, or this refusal blocks: the store decides
        }
        // the refusal counts (retry hint, towards a block) travel with this instance's next write of the bucket
        known.replace(charge.key(), seen, decision.next());
        count(who, charge.shared() ? "shared_limit" : "rate_limited");
        localRefusals.increment();
        Admission admission = new Admission(limits, decision.remaining(), decision.resetSeconds(), decision.graceLeft());
        throw charge.shared() ? refusedShared(charge, decision.retryAfterSeconds(), admission)
                : refused(who, limits, decision.retryAfterSeconds(), admission);
    }

    private Admission answer(Identity who, Charge charge, Outcome outcome) {
        Limits limits = charge.limits();
        long now = clock.millis();
        if (outcome.blockedUntil() > now) {
            blockedUntil.put(charge.key(), outcome.blockedUntil());
            if (outcome.newBlock()) {
                count(who, "blocked");
            }
            throw blocked(outcome.blockedUntil() - now, who);
        }
        TokenBucket.Decision decision = outcome.decision();
        Admission admission = new Admission(limits, decision.remaining(), decision.resetSeconds(), decision.graceLeft(),
                decision.grace(), decision.deferred() ? now + decision.deferMs() : 0);
        if (decision.deferred()) {
            meters.counter("aiart.ratelimit.deferred", "tier", who.tier().wire()).increment(); // accepted, not a refusal
        }
        if (!decision.allowed()) {
            count(who, charge.shared() ? "shared_limit" : "rate_limited");
            throw charge.shared() ? refusedShared(charge, decision.retryAfterSeconds(), admission)
                    : refused(who, limits, decision.retryAfterSeconds(), admission);
        }
        return admission;
    }

    /**
     * One request against one bucket: take a token, or give back a token or a grace request. A
     * {@code shared} bucket (an address's or a network's allowance) is never blocked; with
     * {@code defer}, a request over the allowance takes its token on credit (TokenBucket#take).
     */
    private record Op(String key, Limits limits, boolean refund, boolean grace, boolean shared, boolean defer) {
    }

    /** What the store said about one {@link Op}. */
    private record Outcome(TokenBucket.Decision decision, long blockedUntil, boolean newBlock) {
    }

    /**
     * Decides a batch: the requests of each identity in arrival order against its bucket (the copy
     * this instance knows, or a fresh one for an identity it has not seen), then one command writes
     * every bucket by compare-and-swap. Buckets that another instance changed meanwhile are read
     * (one command for all of them) and decided again.
     */
    private void decide(List<Batcher.Pending<Op, Outcome>> batch) {
        Map<String, List<Batcher.Pending<Op, Outcome>>> byKey = new LinkedHashMap<>();
        batch.forEach(p -> byKey.computeIfAbsent(p.item().key(), k -> new ArrayList<>()).add(p));
        Map<String, BucketState> base = new HashMap<>();
        Set<String> toRead = new HashSet<>();
        byKey.keySet().forEach(key -> {
            BucketState seen = known.get(key);
            if (seen != null) {
                base.put(key, seen);
            }
        });
        for (int round = 0; round < MAX_SWAPS && !byKey.isEmpty(); round++) {
            if (!toRead.isEmpty()) {
                Map<String, BucketState> stored = buckets.loadAll(toRead);
                toRead.forEach(key -> {
                    if (stored.containsKey(key)) {
                        base.put(key, stored.get(key));
                    } else {
                        base.remove(key);
                    }
                });
                toRead.clear();
            }
            long now = clock.millis();
            List<String> keys = new ArrayList<>(byKey.keySet());
            List<BucketState> next = new ArrayList<>();
            List<Long> expected = new ArrayList<>();
            List<List<Outcome>> outcomes = new ArrayList<>();
            for (String key : keys) {
                List<Batcher.Pending<Op, Outcome>> ops = byKey.get(key);
                BucketState current = base.get(key);
                BucketState state = current != null ? current : TokenBucket.fresh(key, ops.get(0).item().limits(), now);
                List<Outcome> decided = new ArrayList<>();
                for (Batcher.Pending<Op, Outcome> p : ops) {
                    state = apply(p.item(), state, now, decided);
                }
                next.add(state);
                expected.add(current == null ? 0L : current.version);
                outcomes.add(decided);
            }
            Set<Integer> lost = buckets.compareAndSwapAll(next, expected);
            for (int i = 0; i < keys.size(); i++) {
                String key = keys.get(i);
                if (lost.contains(i)) {
                    toRead.add(key);
                    continue;
                }
                remember(key, next.get(i));
                List<Batcher.Pending<Op, Outcome>> ops = byKey.remove(key);
                for (int j = 0; j < ops.size(); j++) {
                    ops.get(j).complete(outcomes.get(i).get(j));
                }
            }
            if (!lost.isEmpty()) {
                LockSupport.parkNanos(ThreadLocalRandom.current().nextLong(200_000, 2_000_000));
            }
        }
        ProblemException busy = new ProblemException(ErrorType.RESOURCE_LIMIT,
                "AiArt is very busy right now. Please try again in a moment.", 2L, config.donationLink(), Map.of());
        byKey.values().forEach(ops -> ops.forEach(p -> p.fail(busy)));
    }

    private BucketState apply(Op op, BucketState state, long now, List<Outcome> decided) {
        Limits limits = op.limits();
        if (op.refund()) {
            BucketState back = state.copy();
            back.tokens = TokenBucket.tokensAt(state, limits, now);
            back.updatedAt = now;
            if (op.grace()) {
                back.graceUsed = Math.max(0, back.graceUsed - 1);
            } else {
                back.tokens = Math.min(limits.capacity(), back.tokens + 1);
            }
            decided.add(new Outcome(null, 0, false));
            return back;
        }
        if (state.blockedUntil > now) {
            decided.add(new Outcome(null, state.blockedUntil, false));
            return state;
        }
        TokenBucket.Decision decision = TokenBucket.take(state, limits, now, config.maxRetryAfter().toMillis(),
                config.abuseWindow().toMillis(), op.defer());
        BucketState next = decision.next();
        if (!decision.allowed() && !op.shared() && next.windowRefusals > config.abuseThreshold()) {
            next.blocks++;
            next.blockedUntil = now + Math.min(config.maxBlock().toMillis(),
                    config.blockFor().toMillis() << Math.min(20, next.blocks - 1));
            next.windowRefusals = 0;
            decided.add(new Outcome(decision, next.blockedUntil, true));
            return next;
        }
        decided.add(new Outcome(decision, 0, false));
        return next;
    }

    private void remember(String key, BucketState state) {
        if (known.size() >= MAX_KNOWN && !known.containsKey(key)) {
            forgetFullBuckets();
        }
        known.put(key, state);
    }

    /**
     * Drops remembered buckets that are full again and not blocked (reading one back costs a
     * command, remembering costs memory); when that is not enough, drops everything but blocks.
     */
    @io.quarkus.scheduler.Scheduled(every = "5m", skipExecutionIf = io.quarkus.scheduler.Scheduled.ApplicationNotRunning.class)
    void forgetFullBuckets() {
        long now = clock.millis();
        known.entrySet().removeIf(e -> e.getValue().blockedUntil <= now
                && now - e.getValue().updatedAt > config.window().toMillis());
        if (known.size() >= MAX_KNOWN) {
            known.entrySet().removeIf(e -> e.getValue().blockedUntil <= now);
        }
    }

    /** Forgets the buckets of identities not seen for {@code aiart.rate-limit.forget-after}: the store's bytes. */
    @io.quarkus.scheduler.Scheduled(identity = "bucket-retention", every = "{aiart.cleanup-every}", delayed = "3m",
            concurrentExecution = io.quarkus.scheduler.Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = ai.aiart.load.Hibernation.WhileHibernating.class)
    void deleteIdleBuckets() {
        long now = clock.millis();
        long deleted = buckets.deleteIdleBefore(now - config.forgetAfter().toMillis(), now);
        if (deleted > 0) {
            io.quarkus.logging.Log.infof("Fair use: forgot %d identities not seen for %s", deleted, config.forgetAfter());
        }
    }

    @jakarta.annotation.PreDestroy
    void stop() {
        batcher.close();
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
                known.remove(key);
                return false;
            }
            BucketState next = stored.get().copy();
            next.blockedUntil = 0;
            next.windowRefusals = 0;
            next.consecutiveRefusals = 0;
            if (buckets.compareAndSwap(stored.get(), next)) {
                blockedUntil.remove(key);
                known.remove(key);
                return true;
            }
        }
        throw new IllegalStateException("could not lift the block of " + key);
    }

    /** The caller's state without taking anything (for {@code /limits} and replays). */
    public LimitsView peek(Identity who) {
        Limits limits = limitsFor(who);
        long now = clock.millis();
        BucketState seen = known.get(who.key());
        BucketState state = seen != null ? seen
                : buckets.load(who.key()).orElseGet(() -> TokenBucket.fresh(who.key(), limits, now));
        double tokens = TokenBucket.tokensAt(state, limits, now);
        // the next whole token; below 0 (one taken on credit by the deferred lane), the first one
        long nextRefill = tokens >= limits.capacity() ? 0
                : (long) Math.ceil((Math.max(1, Math.floor(tokens) + 1) - tokens) / limits.refillPerMs() / 1000.0);
        long blocked = Math.max(0, state.blockedUntil - now);
        BucketState probe = state.copy();
        probe.tokens = tokens;
        // what a request now would be told to wait, were it refused (0: it would be accepted)
        long retryAfter = blocked > 0 ? (blocked + 999) / 1000
                : TokenBucket.take(state, limits, now, config.maxRetryAfter().toMillis(), config.abuseWindow().toMillis(),
                        defersOverLimit()).retryAfterSeconds();
        return new LimitsView(limits, Math.max(0, (int) Math.floor(tokens)), Math.max(0, limits.grace() - state.graceUsed),
                nextRefill, TokenBucket.resetSeconds(probe, limits), blocked == 0 ? 0 : (blocked + 999) / 1000, retryAfter);
    }

    /** What {@link #peek} found. */
    public record LimitsView(Limits limits, int tokensLeft, int graceLeft, long nextRefillSeconds, long resetSeconds,
            long blockedSeconds, long retryAfterSeconds) {

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

    /** A shared allowance ran out: the address or network is busy, whoever this caller is. */
    private ProblemException refusedShared(Charge charge, long retryAfter, Admission admission) {
        String where = "network".equals(charge.whose()) ? "Your network" : "Your internet connection";
        String message = where + " has made its " + charge.limits().capacity() + " creations for this " + windowWord()
                + ", shared by everyone on it" + ("address".equals(charge.whose()) && charge.limits().policy().equals("anonymous")
                        ? " who is not signed in with a verified e-mail address" : "")
                + ". Try again in " + seconds(retryAfter) + ".";
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
