package ai.aiart.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;

import ai.aiart.config.AiartConfig;

import io.vertx.core.http.HttpServerRequest;

/**
 * Works out who is calling. Anonymous callers are known by their client IP, which is only
 * ever stored as a keyed hash.
 */
@ApplicationScoped
public class IdentityResolver {

    private final int trustedProxies;
    private final SecretKeySpec hashKey;

    public IdentityResolver(AiartConfig config) {
        this.trustedProxies = config.trustedProxies();
        this.hashKey = new SecretKeySpec(config.ipHashKey().getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    public Identity resolve(HttpServerRequest request) {
        return new Identity("ip:" + hashIp(clientIp(request)), Tier.ANONYMOUS);
    }

    /**
     * The client's address: the peer address, or, behind {@code aiart.trusted-proxies} proxies,
     * the entry of {@code X-Forwarded-For} that the outermost trusted proxy saw. Entries further
     * left were written by the client and are ignored, so a spoofed header mints no identity.
     */
    public String clientIp(HttpServerRequest request) {
        String peer = request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress();
        if (trustedProxies <= 0) {
            return peer;
        }
        String forwarded = String.join(",", request.headers().getAll("X-Forwarded-For"));
        String[] hops = forwarded.isBlank() ? new String[0] : forwarded.split(",");
        int index = hops.length - trustedProxies;
        if (index < 0) {
            return hops.length == 0 ? peer : hops[0].trim();
        }
        return hops[index].trim();
    }

    /** HMAC-SHA256 of the address with the configured key, hex, first 32 characters. */
    public String hashIp(String ip) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(hashKey);
            return HexFormat.of().formatHex(mac.doFinal(ip.getBytes(StandardCharsets.UTF_8))).substring(0, 32);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
