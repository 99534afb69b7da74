package ai.aiart.auth;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Sign-in, the admin role and admin blocks ({@code aiart.auth.*}, docs/IDENTITY.md). */
@ConfigMapping(prefix = "aiart.auth")
public interface AuthConfig {

    /**
     * The Firebase project whose ID tokens are accepted ({@code aud} and {@code iss} of the token).
     * The default {@code demo-aiart} exists only in the Auth emulator: no real token ever matches it.
     */
    @WithDefault("demo-aiart")
    String projectId();

    /**
     * Address ({@code host:port}) of the Firebase Auth emulator. When set, tokens are NOT
     * signature-checked (the emulator issues unsigned ones): for local runs and tests only. The
     * production profile refuses to start with it unless {@link #allowEmulatorInProd()}.
     */
    Optional<String> emulatorHost();

    /**
     * Lets a production-profile backend start in emulator mode anyway (a throw-away demo).
     * Anyone can then forge a sign-in, admin included; it is logged as an error at start-up.
     */
    @WithDefault("false")
    boolean allowEmulatorInProd();

    /** E-mail addresses of admins (verified e-mails only); a custom claim {@code admin: true} works too. */
    Optional<List<String>> adminEmails();

    /** Longest time a verified token is remembered (never beyond its own expiry). */
    @WithDefault("5m")
    Duration tokenCacheTtl();

    /**
     * A service-account key of the Firebase project (the JSON Google gives, or the path of a file
     * holding it; {@code AIART_AUTH_SERVICE_ACCOUNT_KEY}, a platform secret). With it, each token is also
     * checked against the account: a revoked sign-in (all sessions signed out) or a disabled or
     * deleted account is refused with 401 although the token's signature is good. Without it only
     * the token itself is checked (docs/IDENTITY.md). Ignored in emulator mode, where the emulator's
     * own account data are asked instead.
     */
    Optional<String> serviceAccountKey();

    /**
     * How long the outcome of a revocation check is remembered per token before Google is asked
     * again: a page's burst of calls costs one round trip, and a revoked or disabled account is
     * refused within this time.
     */
    @WithDefault("5m")
    Duration revocationCheckEvery();

    /** Most verified tokens remembered at once. */
    @WithDefault("10000")
    long tokenCacheSize();

    /**
     * How long a user's tier and overrides are remembered by an instance before it reads them again
     * (and at most how often {@code last_active} is written). Other instances see an admin's change
     * within this time; the instance that made it at once.
     */
    @WithDefault("60s")
    Duration userRefresh();

    /** How often the job counts of signed-in users are written (for all of them, one store command). */
    @WithDefault("5s")
    String usageFlushEvery();

    /**
     * Who may read the operator endpoints: every path under {@code /q/} except the health checks
     * ({@code /q/metrics}, {@code /q/openapi}, {@code /q/swagger-ui}, …) and {@code /api/v1/backends}
     * (peer URLs and their last errors). {@code internal}: only callers sending the internal key
     * ({@code X-Internal-Key}; 403 for everyone when no key is configured). {@code open}: anyone —
     * what the dev and test profiles set, for local runs. See docs/OPERATIONS.md.
     */
    @WithDefault("internal")
    OperatorEndpoints operatorEndpoints();

    /** See {@link #operatorEndpoints()}. */
    enum OperatorEndpoints {
        OPEN, INTERNAL
    }

    /** Blocks set by admins. */
    Blocks blocks();

    interface Blocks {
        /** How often an instance reloads the (small) list of admin blocks, when requests need it. */
        @WithDefault("5s")
        Duration refresh();

        /** Length of a block when the admin gives none. */
        @WithDefault("1h")
        Duration defaultDuration();

        /** Longest block an admin may set. */
        @WithDefault("30d")
        Duration maxDuration();
    }
}
