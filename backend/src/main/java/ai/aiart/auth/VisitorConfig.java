package ai.aiart.auth;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * How much of an IPv6 address is one visitor, for the identity of anonymous callers
 * ({@link IdentityResolver}); the rest of {@code aiart.rate-limit.*} is the limiter's
 * ({@code ratelimit/RateLimitConfig}, docs/FAIR_USE.md).
 */
@ConfigMapping(prefix = "aiart.rate-limit")
public interface VisitorConfig {

    /**
     * How much of an IPv6 address names one anonymous visitor: the first this many bits (a /64
     * is what one home or phone is given, so every address in it is the same visitor). IPv4
     * addresses are taken whole. From 16 to 128.
     */
    @WithDefault("64")
    int ipv6Prefix();

    /**
     * The wider IPv6 network whose /64s share one coarse allowance ({@code aiart.rate-limit.per-ipv6-range}): a
     * /48 is what one site or provider customer is usually given. From 16 to the
     * {@link #ipv6Prefix()}.
     */
    @WithDefault("48")
    int ipv6RangePrefix();
}
