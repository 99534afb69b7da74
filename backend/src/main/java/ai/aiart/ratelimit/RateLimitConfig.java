package ai.aiart.ratelimit;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Fair use: tiers, token buckets, grace, load adaptation, abuse blocks (docs/FAIR_USE.md). The two
 * keys of this prefix that say how much of an IPv6 address is one visitor are the identity's
 * ({@code auth/VisitorConfig}).
 */
@ConfigMapping(prefix = "aiart.rate-limit")
public interface RateLimitConfig {

    /** Generation requests a minute (bucket capacity) for anonymous callers. */
    @WithDefault("3")
    int anonymous();

    /** … for signed-in callers. */
    @WithDefault("5")
    int registered();

    /** … for donors. */
    @WithDefault("10")
    int donor();

    /** … for admins. */
    @WithDefault("60")
    int admin();

    /** The window a bucket refills over (its capacity per window). */
    @WithDefault("60s")
    Duration window();

    /** Generation requests of a new identity that are always allowed. */
    @WithDefault("5")
    int grace();

    /** Load above which every capacity is halved. */
    @WithDefault("0.8")
    double highLoad();

    /** Load below which the capacities return. */
    @WithDefault("0.7")
    double normalLoad();

    /**
     * Above {@link #highLoad()}, a refusal's retry hint doubles for each such step of load (or part
     * of one), up to 16 times: with 0.05, ×2 up to 85 %, ×4 up to 90 %, ×8 up to 95 %, ×16 above.
     */
    @WithDefault("0.05")
    double loadBackoffStep();

    /** Longest retry hint of soft throttling. */
    @WithDefault("300s")
    Duration maxRetryAfter();

    /**
     * What a generation request over the caller's own allowance gets (not a blocked caller's, and
     * not one over a shared allowance of an address or network): {@code refuse} (429 with a retry
     * hint), or {@code defer}: accepted into the deferred lane, served after every other job and
     * not before its token is due, at most one such job per caller at a time (docs/FAIR_USE.md,
     * "Soft throttling").
     */
    @WithDefault("refuse")
    OverLimit overLimit();

    /** {@link #overLimit()}. */
    enum OverLimit {
        REFUSE, DEFER
    }

    /** Refusals within {@code abuse-window} after which an identity is blocked. */
    @WithDefault("20")
    int abuseThreshold();

    /** Window in which refusals count towards a block. */
    @WithDefault("60s")
    Duration abuseWindow();

    /** First block; each further block doubles it. */
    @WithDefault("15m")
    Duration blockFor();

    /** Longest block. */
    @WithDefault("24h")
    Duration maxBlock();

    /** Status reads (GET /jobs/…) a minute per client IP, counted by each instance. */
    @WithDefault("300")
    int pollingPerMinute();

    /** Analytics beacons a minute per client IP, counted by each instance. */
    @WithDefault("60")
    int beaconsPerMinute();

    /**
     * Creations a window that anonymous visitors and unverified accounts of one IPv6
     * {@code aiart.rate-limit.ipv6-range-prefix} network make in all, however many /64s they send from:
     * a larger range gains little over one /64's {@link #anonymous()}.
     */
    @WithDefault("20")
    int perIpv6Range();

    /**
     * Creations a window that verified accounts below the admin tier make in all from one
     * address (an IPv4 address or IPv6 /64), however many accounts: a household or an office
     * behind one address shares it, and scripted accounts gain nothing beyond it. Unverified
     * accounts spend the address's anonymous allowance instead ({@link #anonymous()}).
     */
    @WithDefault("30")
    int perAddress();

    /**
     * How long an identity's bucket is kept after its last generation request; forgetting it
     * gives back its grace, but keeps the store from growing with every visitor ever seen.
     */
    @WithDefault("P30D")
    Duration forgetAfter();

    /** Where refused visitors can donate. */
    @WithDefault("/donate.html")
    String donationLink();
}
