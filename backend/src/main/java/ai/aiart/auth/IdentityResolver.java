package ai.aiart.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;

import ai.aiart.auth.service.TokenVerifier;
import ai.aiart.auth.service.UserService;
import ai.aiart.config.AiartConfig;
import ai.aiart.config.IpHashKey;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;

/**
 * Works out who is calling. {@code Authorization: Bearer <Firebase ID token>} makes the caller
 * the signed-in user ({@code user:<uid>}, their tier); a header that cannot be accepted is a 401,
 * never a silent step down to anonymous. Without the header the caller is anonymous, known by
 * their client IP, which is only ever stored as a keyed hash.
 */
@ApplicationScoped
public class IdentityResolver {

    private static final String BEARER = "bearer ";

    private final int trustedProxies;
    private final SecretKeySpec hashKey;
    private final TokenVerifier tokens;
    private final UserService users;

    public IdentityResolver(AiartConfig config, IpHashKey ipHashKey, TokenVerifier tokens, UserService users) {
        this.trustedProxies = config.trustedProxies();
        this.hashKey = new SecretKeySpec(ipHashKey.bytes(), "HmacSHA256");
        this.tokens = tokens;
        this.users = users;
    }

    /** The caller: the signed-in user, or the anonymous visitor at this address. 401 for a bad token. */
    public Identity resolve(HttpServerRequest request) {
        Optional<SignedIn> caller = signedIn(request);
        return caller.isPresent() ? users.identityOf(caller.get()) : anonymous(request);
    }

    /** The anonymous identity of the request's client address. */
    public Identity anonymous(HttpServerRequest request) {
        return new Identity("ip:" + hashIp(clientIp(request)), Tier.ANONYMOUS);
    }

    /** The signed-in caller, empty without an Authorization header, 401 for one that cannot be accepted. */
    public Optional<SignedIn> signedIn(HttpServerRequest request) {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null) {
            return Optional.empty();
        }
        String value = header.trim();
        if (value.length() <= BEARER.length() || !value.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            throw AuthProblems.invalidToken("Send your sign-in as 'Authorization: Bearer <Firebase ID token>'.");
        }
        return Optional.of(tokens.verify(value.substring(BEARER.length()).trim()));
    }

    /** The signed-in caller, or 401. */
    public SignedIn requireSignedIn(HttpServerRequest request) {
        return signedIn(request).orElseThrow(() -> AuthProblems.signInRequired("Please sign in first."));
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
