package ai.aiart.auth.service;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import ai.aiart.auth.AuthConfig;
import ai.aiart.auth.ErasedStanding;
import ai.aiart.auth.PendingDonations;
import ai.aiart.core.Identity;
import ai.aiart.auth.SignedIn;
import ai.aiart.core.Tier;
import ai.aiart.auth.User;
import ai.aiart.auth.repository.UserRepository;
import ai.aiart.privacy.PersonalData;
import io.quarkus.logging.Log;

/**
 * Users: their record (created on first sight), their tier and overrides as the limiter and queue
 * see them, and the changes admins and donations make. Each instance remembers a user's standing
 * for {@code aiart.auth.user-refresh}; reading it again also marks the user active.
 */
@ApplicationScoped
public class UserService {

    private final UserRepository users;
    private final PendingDonations donations;
    private final ErasedStanding fairUse;
    private final PersonalData personalData;
    private final AuthConfig config;
    private final Clock clock;
    private final Cache<String, Standing> standings;
    private final java.util.Map<String, UserRepository.JobCount> pendingJobs = new java.util.concurrent.ConcurrentHashMap<>();

    /** What a user is entitled to, as stored, and the e-mail state (blind index) it was read for. */
    record Standing(Tier tier, Integer perMinute, String emailHash, boolean emailVerified) {
    }

    public UserService(UserRepository users, PendingDonations donations, ErasedStanding fairUse, AuthConfig config,
            Clock clock, PersonalData personalData) {
        this.users = users;
        this.personalData = personalData;
        this.fairUse = fairUse;
        this.donations = donations;
        this.config = config;
        this.clock = clock;
        this.standings = Caffeine.newBuilder().maximumSize(100_000).expireAfterWrite(this.config.userRefresh()).build();
    }

    /** The identity a signed-in caller acts as: {@code user:<uid>}, their tier (admin for admins), their override. */
    public Identity identityOf(SignedIn who) {
        Standing standing = standings.get(who.uid(), uid -> standingOf(refresh(who)));
        if (standing.emailVerified() != who.emailVerified()
                || !Objects.equals(standing.emailHash(), personalData.emailHash(who.email()))) {
            // a newly verified (or changed) e-mail may make the user an admin's or a donation's match: read again
            standing = standingOf(refresh(who));
            standings.put(who.uid(), standing);
        }
        return new Identity(who.key(), who.admin() ? Tier.ADMIN : effectiveTier(standing.tier(), who.emailVerified()),
                standing.perMinute());
    }

    /**
     * The tier an account's requests get: a member whose e-mail is not verified gets a visitor's
     * allowance and place in the queue, so that scripted sign-ups gain nothing (docs/FAIR_USE.md).
     * A supporter's tier (matched by a verified address, or given by an admin) stands.
     */
    static Tier effectiveTier(Tier tier, boolean emailVerified) {
        return tier == Tier.REGISTERED && !emailVerified ? Tier.ANONYMOUS : tier;
    }

    /** The caller's record, read now (and created if it is their first request), its job count up to date. */
    public User record(SignedIn who) {
        flushUsage(who.uid());
        User user = refresh(who);
        standings.put(who.uid(), standingOf(user));
        return user;
    }

    /**
     * Counts a job created by {@code who}, when it is a signed-in user. The counts are gathered here
     * and written for every user at once every {@code aiart.auth.usage-flush-every}, so a creation
     * costs no store command of its own (docs/ARCHITECTURE.md, "Store budget"); a user's own record
     * is brought up to date before it is shown.
     */
    public void recordJob(Identity who) {
        if (who.key().startsWith("user:")) {
            Instant now = clock.instant();
            pendingJobs.merge(who.key().substring("user:".length()), new UserRepository.JobCount(1, now),
                    (a, b) -> new UserRepository.JobCount(a.jobs() + b.jobs(), a.last().isAfter(b.last()) ? a.last() : b.last()));
        }
    }

    /** Writes the gathered job counts of every user in one command. */
    @io.quarkus.scheduler.Scheduled(identity = "usage-flush", every = "{aiart.auth.usage-flush-every}",
            concurrentExecution = io.quarkus.scheduler.Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = io.quarkus.scheduler.Scheduled.ApplicationNotRunning.class)
    void flushUsage() {
        if (pendingJobs.isEmpty()) {
            return;
        }
        java.util.Map<String, UserRepository.JobCount> batch = new java.util.HashMap<>();
        for (String uid : List.copyOf(pendingJobs.keySet())) {
            UserRepository.JobCount count = pendingJobs.remove(uid);
            if (count != null) {
                batch.put(uid, count);
            }
        }
        try {
            users.recordJobs(batch);
        } catch (RuntimeException e) {
            batch.forEach((uid, count) -> pendingJobs.merge(uid, count, (a, b) -> new UserRepository.JobCount(a.jobs() + b.jobs(),
                    a.last().isAfter(b.last()) ? a.last() : b.last())));
            Log.warnf("Job counts of %d users not written yet: %s", batch.size(), e.toString());
        }
    }

    private void flushUsage(String uid) {
        UserRepository.JobCount count = pendingJobs.remove(uid);
        if (count != null) {
            users.recordJobs(java.util.Map.of(uid, count));
        }
    }

    void onStop(@jakarta.enterprise.event.Observes io.quarkus.runtime.ShutdownEvent event) {
        flushUsage();
    }

    public Optional<User> find(String uid) {
        return users.findByIdOptional(uid);
    }

    public Optional<User> setTier(String uid, Tier tier) {
        Optional<User> user = users.setTier(uid, tier);
        forget(uid);
        return user;
    }

    public Optional<User> setPerMinute(String uid, Integer perMinute) {
        Optional<User> user = users.setPerMinute(uid, perMinute);
        forget(uid);
        return user;
    }

    /** Makes every user whose verified e-mail has the blind index {@code emailHash} a donor; returns their ids. */
    public List<String> upgradeToDonor(String emailHash) {
        List<String> upgraded = users.verifiedWithEmail(emailHash).stream().map(u -> u.id).toList();
        upgraded.forEach(uid -> setTier(uid, Tier.DONOR));
        return upgraded;
    }

    /** Drops what this instance remembers of the user, so the next request reads the store. */
    public void forget(String uid) {
        standings.invalidate(uid);
    }

    private User refresh(SignedIn who) {
        Instant now = clock.instant();
        String email = who.email() == null ? null : who.email().trim().toLowerCase(Locale.ROOT);
        String emailHash = personalData.emailHash(email);
        User user = users.onSight(who.uid(), personalData.seal(PersonalData.USER_EMAIL, email), emailHash, who.emailVerified(), now);
        if (user.createdAt != null && user.createdAt.toEpochMilli() == now.toEpochMilli()) {
            // created by this request: an erased account with this uid may have left fair-use state
            user = fairUse.restore(user);
        }
        Instant notAfter = now.minus(config.userRefresh());
        if (user.lastActive == null || user.lastActive.isBefore(notAfter)) {
            users.touch(who.uid(), now, notAfter);
            user.lastActive = now;
        }
        if (user.storedTier() == Tier.REGISTERED && who.emailVerified() && email != null
                && donations.claimPending(emailHash, who.uid(), now)) {
            // a donation arrived before this user first signed in with its e-mail
            user = users.setTier(who.uid(), Tier.DONOR).orElse(user);
            Log.infof("User %s is now a donor (a donation made with their e-mail was waiting)", who.uid());
        }
        return user;
    }

    private static Standing standingOf(User user) {
        return new Standing(user.storedTier(), user.perMinuteOverride(), user.emailHash, user.emailVerified);
    }
}
