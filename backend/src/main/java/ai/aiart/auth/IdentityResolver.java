package ai.aiart.auth;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import ai.aiart.auth.service.TokenVerifier;
import ai.aiart.auth.service.UserService;
import ai.aiart.config.IpHashKey;
import ai.aiart.core.Identity;
import ai.aiart.core.Tier;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;

/**
 * Works out who is calling. {@code Authorization: Bearer <Firebase ID token>} makes the caller
 * the signed-in user ({@code user:<uid>}, their tier); a header that cannot be accepted is a 401,
 * never a silent step down to anonymous. Without the header the caller is anonymous, known by
 * their client IP (for IPv6, its /64: {@link #visitorAddress}), which is only ever stored as a
 * keyed hash.
 */
@ApplicationScoped
public class IdentityResolver {

    private static final String BEARER = "bearer ";

    private final ClientAddresses addresses;
    private final int ipv6Prefix;
    private final int ipv6RangePrefix;
    private final IpHashKey hashKey;
    private final TokenVerifier tokens;
    private final UserService users;

    public IdentityResolver(CallersConfig config, VisitorConfig visitors, IpHashKey ipHashKey, TokenVerifier tokens,
            UserService users) {
        this.addresses = new ClientAddresses(config.clientIpHeader(), config.trustedProxies());
        this.ipv6Prefix = visitors.ipv6Prefix();
        this.ipv6RangePrefix = visitors.ipv6RangePrefix();
        if (ipv6RangePrefix < 16 || ipv6RangePrefix > ipv6Prefix) {
            throw new IllegalArgumentException("aiart.rate-limit.ipv6-range-prefix must be from 16 to aiart.rate-limit.ipv6-prefix, not "
                    + ipv6RangePrefix);
        }
        if (ipv6Prefix < 16 || ipv6Prefix > 128) {
            throw new IllegalArgumentException("aiart.rate-limit.ipv6-prefix must be from 16 to 128, not " + ipv6Prefix);
        }
        this.hashKey = ipHashKey;
        this.tokens = tokens;
        this.users = users;
    }

    /** The caller: the signed-in user, or the anonymous visitor at this address. 401 for a bad token. */
    public Identity resolve(HttpServerRequest request) {
        Optional<SignedIn> caller = signedIn(request);
        if (caller.isEmpty()) {
            return anonymous(request);
        }
        String ip = clientIp(request);
        return users.identityOf(caller.get()).from(anonymousKey(ip), rangeKey(ip));
    }

    /** The anonymous identity of the request's client address. */
    public Identity anonymous(HttpServerRequest request) {
        String ip = clientIp(request);
        String key = anonymousKey(ip);
        return new Identity(key, Tier.ANONYMOUS, null, key, rangeKey(ip));
    }

    /**
     * The key of the IPv6 network ({@code aiart.rate-limit.ipv6-range-prefix}, a /48) that
     * {@code ip} belongs to, {@code net:} and a keyed hash; null for anything but an IPv6 address.
     */
    public String rangeKey(String ip) {
        String range = masked(ip, ipv6RangePrefix);
        return range == null ? null : "net:" + hashIp(range);
    }

    /** The identity key of the anonymous visitor at {@code ip}: {@code ip:} and the keyed hash of its {@link #visitorAddress}. */
    public String anonymousKey(String ip) {
        return "ip:" + hashIp(visitorAddress(ip));
    }

    /** The hashed {@link #visitorAddress} of the request's client: what per-IP limits and counts key on. */
    public String visitorHash(HttpServerRequest request) {
        return hashIp(visitorAddress(clientIp(request)));
    }

    /**
     * What names one visitor of an address: an IPv4 address as it is (an IPv4-mapped IPv6 one as
     * its IPv4 address), an IPv6 address cut to its first {@code aiart.rate-limit.ipv6-prefix}
     * bits ({@code 2001:db8:1:2::/64}), since one home or phone is given a whole /64 and can
     * send from any address in it. Anything that is not an address literal is taken as it is.
     */
    public String visitorAddress(String ip) {
        InetAddress address = ipv6Literal(ip);
        if (address == null) {
            return ip;
        }
        if (address instanceof Inet4Address) {
            return address.getHostAddress();
        }
        return masked(address, ipv6Prefix);
    }

    /** The IPv6 network of {@code prefix} bits that {@code ip} is in, as text; null for anything but an IPv6 address. */
    private static String masked(String ip, int prefix) {
        InetAddress address = ipv6Literal(ip);
        return address == null || address instanceof Inet4Address ? null : masked(address, prefix);
    }

    private static String masked(InetAddress address, int prefix) {
        byte[] bytes = address.getAddress();
        for (int bit = prefix; bit < 128; bit++) {
            bytes[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
        }
        try {
            return InetAddress.getByAddress(bytes).getHostAddress() + "/" + prefix;
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e); // 16 bytes are always an address
        }
    }

    /**
     * The address of a literal with a ':' (IPv6, or IPv4-mapped; in brackets or with a zone, too),
     * or null; parsed, never looked up.
     */
    private static InetAddress ipv6Literal(String ip) {
        String literal = ip == null ? "" : ip.trim();
        if (literal.startsWith("[") && literal.endsWith("]")) {
            literal = literal.substring(1, literal.length() - 1);
        }
        int zone = literal.indexOf('%');
        if (zone >= 0) {
            literal = literal.substring(0, zone);
        }
        return ClientAddresses.ipv6(literal);
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
     * The client's address and where it was found ({@link ClientAddresses}): the header named by
     * {@code aiart.client-ip-header} when it holds one address, else, behind
     * {@code aiart.trusted-proxies} proxies, the entry of {@code X-Forwarded-For} that the outermost
     * trusted proxy saw, else the peer. Entries further left were written by the client and are
     * ignored, so a spoofed header mints no identity.
     */
    public ClientAddresses.ClientAddress clientAddress(HttpServerRequest request) {
        String peer = request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress();
        return addresses.of(peer, name -> request.headers().getAll(name));
    }

    /** The client's address ({@link #clientAddress}). */
    public String clientIp(HttpServerRequest request) {
        return clientAddress(request).address();
    }

    /** HMAC-SHA256 of the address with the configured key, hex, first 32 characters ({@link IpHashKey#hash}). */
    public String hashIp(String ip) {
        return hashKey.hash(ip);
    }
}
