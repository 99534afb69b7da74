package ai.aiart.auth;

import java.time.Instant;

import org.bson.codecs.pojo.annotations.BsonId;
import org.bson.codecs.pojo.annotations.BsonProperty;

import ai.aiart.core.Tier;

import io.quarkus.mongodb.panache.common.MongoEntity;

/**
 * A signed-in visitor's record in {@code users}, created the first time their token is seen.
 * The admin role is not stored: it comes from the token (claim) or configuration (e-mails).
 */
@MongoEntity(collection = "users")
public class User {

    public static final String F_EMAIL = "email";
    public static final String F_EMAIL_HASH = "email_hash";
    public static final String F_EMAIL_VERIFIED = "email_verified";
    public static final String F_TIER = "tier";
    public static final String F_CREATED_AT = "created_at";
    public static final String F_LAST_ACTIVE = "last_active";
    public static final String F_JOBS = "usage_stats.jobs";
    public static final String F_LAST_JOB_AT = "usage_stats.last_job_at";
    public static final String F_PER_MINUTE = "rate_limit_overrides.per_minute";

    /** The Firebase uid. */
    @BsonId
    public String id;
    /**
     * As in the token, in lower case, sealed ({@code PersonalData.USER_EMAIL}): opened only for the
     * user and for admins. A record written before encryption holds it in clear until rewritten.
     */
    public String email;
    /** {@code PersonalData#emailHash} of the e-mail: what donations and admins' searches find the user by. */
    @BsonProperty("email_hash")
    public String emailHash;
    @BsonProperty("email_verified")
    public boolean emailVerified;
    /** {@link Tier#wire()}: registered, donor, or anonymous (an admin's demotion). */
    public String tier;
    @BsonProperty("usage_stats")
    public UsageStats usageStats;
    @BsonProperty("rate_limit_overrides")
    public RateLimitOverrides rateLimitOverrides;
    @BsonProperty("created_at")
    public Instant createdAt;
    /** Last request, to the minute ({@code aiart.auth.user-refresh}). */
    @BsonProperty("last_active")
    public Instant lastActive;

    /** What the user has done. */
    public static class UsageStats {
        /** Generation jobs created, ever. */
        public long jobs;
        @BsonProperty("last_job_at")
        public Instant lastJobAt;
    }

    /** Limits an admin set for this user instead of the tier's. */
    public static class RateLimitOverrides {
        /** Generation requests a minute (bucket capacity), or null for the tier's. */
        @BsonProperty("per_minute")
        public Integer perMinute;
    }

    public Tier storedTier() {
        return Tier.fromWire(tier).orElse(Tier.REGISTERED);
    }

    public Integer perMinuteOverride() {
        return rateLimitOverrides == null ? null : rateLimitOverrides.perMinute;
    }
}
