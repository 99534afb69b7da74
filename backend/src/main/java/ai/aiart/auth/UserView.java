package ai.aiart.auth;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

import ai.aiart.core.Tier;

/** A user's record as the API shows it ({@code /user/me}, {@code /admin/users}). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record UserView(String id, String email, boolean emailVerified, Tier tier, Boolean admin, Usage usageStats,
        Overrides rateLimitOverrides, Instant createdAt, Instant lastActive) {

    /** Jobs created, ever, and the last one's time. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Usage(long jobs, Instant lastJobAt) {
    }

    /** An admin's per-user limit; {@code per_minute} null means the tier's. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Overrides(Integer perMinute) {
    }

    /**
     * The stored record with its e-mail in clear ({@code email}, opened by the caller: only the user
     * and admins see it); {@code admin} when known (only the user's own token tells).
     */
    public static UserView of(User user, String email, Boolean admin) {
        return new UserView(user.id, email, user.emailVerified, user.storedTier(), admin,
                new Usage(user.usageStats == null ? 0 : user.usageStats.jobs, user.usageStats == null ? null : user.usageStats.lastJobAt),
                new Overrides(user.perMinuteOverride()), user.createdAt, user.lastActive);
    }
}
