package ai.aiart.auth;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Who is calling, as far as the network tells (keys at the top of the tree): the client's address
 * behind the platform's proxy (docs/FAIR_USE.md, "Client IP and proxies") and the key of
 * backend-to-backend calls (docs/IDENTITY.md).
 */
@ConfigMapping(prefix = "aiart")
public interface CallersConfig {

    /**
     * How many proxies in front of the backend may be trusted to append to X-Forwarded-For: the
     * rule used when {@link #clientIpHeader()} is unset or gives no address (docs/FAIR_USE.md,
     * "Client IP and proxies").
     */
    @WithDefault("0")
    int trustedProxies();

    /**
     * The request header in which the platform's proxy puts the client's address and which it
     * overwrites whatever the client sent ({@code Fly-Client-IP} on Fly, {@code X-Real-IP} on
     * Railway, {@code True-Client-IP} on Render), {@code AIART_CLIENT_IP_HEADER}. Unset (the
     * default): no header is trusted. A value that is not one IP address is ignored, and
     * {@link #trustedProxies()} decides (auth/ClientAddresses).
     */
    Optional<String> clientIpHeader();

    /**
     * Shared secret of backend-to-backend endpoints, sent in {@code X-Internal-Key}; the same on
     * every backend. Unset: internal endpoints are disabled (403).
     */
    Optional<String> internalApiKey();
}
