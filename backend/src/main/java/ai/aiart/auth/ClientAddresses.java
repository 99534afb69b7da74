package ai.aiart.auth;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Decides a request's client address, and says where it was found (docs/FAIR_USE.md, "Client IP
 * and proxies"), in this order:
 * <ol>
 * <li>{@code aiart.client-ip-header}, when set and the request carries it once with one IP address
 * literal: the platform's proxy wrote it ({@code source} {@code header <Name>});</li>
 * <li>behind {@code aiart.trusted-proxies} proxies, the {@code X-Forwarded-For} entry the outermost
 * trusted proxy wrote ({@code x-forwarded-for}); entries further left were written by the client;</li>
 * <li>the TCP peer ({@code peer}).</li>
 * </ol>
 * A header value that is not exactly one address (a list, a host name, a port, brackets, a zone)
 * gives nothing and the next rule decides: a client must not be able to choose its identity by
 * what it sends, and a proxy that was not meant to be trusted must not break every visitor.
 */
public final class ClientAddresses {

    public static final String FORWARDED_FOR = "X-Forwarded-For";
    public static final String SOURCE_FORWARDED_FOR = "x-forwarded-for";
    public static final String SOURCE_PEER = "peer";

    private static final Pattern IPV4 = Pattern.compile(
            "(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])){3}");
    /** Hex digits, colons and dots, starting as the JDK parses it as a literal (a hex digit or a colon), never looked up. */
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:][0-9A-Fa-f:.]{1,44}");
    /** A header name: an RFC 9110 token. */
    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

    /** The address of a request's client, and which rule gave it: {@code header <Name>}, {@code x-forwarded-for} or {@code peer}. */
    public record ClientAddress(String address, String source) {
    }

    private final Optional<String> header;
    private final int trustedProxies;

    /**
     * @param header {@code aiart.client-ip-header}: empty or blank for none
     * @param trustedProxies {@code aiart.trusted-proxies}
     * @throws IllegalArgumentException for a header setting that is not a header name, or a negative count
     */
    public ClientAddresses(Optional<String> header, int trustedProxies) {
        this.header = header.map(String::trim).filter(name -> !name.isEmpty());
        this.header.ifPresent(name -> {
            if (!TOKEN.matcher(name).matches()) {
                throw new IllegalArgumentException("aiart.client-ip-header (AIART_CLIENT_IP_HEADER) must be one header name, such as "
                        + "Fly-Client-IP, not '" + name + "'");
            }
        });
        if (trustedProxies < 0) {
            throw new IllegalArgumentException("aiart.trusted-proxies (AIART_TRUSTED_PROXIES) must be 0 or more, not " + trustedProxies);
        }
        this.trustedProxies = trustedProxies;
    }

    /**
     * The client of a request from {@code peer} ("unknown" when there is none) whose headers, every
     * value of a name (matched without regard to case), are {@code headers}.
     */
    public ClientAddress of(String peer, Function<String, List<String>> headers) {
        if (header.isPresent()) {
            List<String> values = headers.apply(header.get());
            if (values != null && values.size() == 1) {
                String value = values.get(0).trim();
                if (address(value) != null) {
                    return new ClientAddress(value, "header " + header.get());
                }
            }
        }
        if (trustedProxies > 0) {
            List<String> lines = headers.apply(FORWARDED_FOR);
            String forwarded = lines == null ? "" : String.join(",", lines);
            String[] hops = forwarded.isBlank() ? new String[0] : forwarded.split(",");
            if (hops.length > 0) {
                int index = Math.max(0, hops.length - trustedProxies);
                return new ClientAddress(hops[index].trim(), SOURCE_FORWARDED_FOR);
            }
        }
        return new ClientAddress(peer, SOURCE_PEER);
    }

    /** The address of a bare IPv4 or IPv6 literal, or null; parsed, never looked up. */
    public static InetAddress address(String literal) {
        if (literal == null) {
            return null;
        }
        if (IPV4.matcher(literal).matches()) {
            return parse(literal);
        }
        return ipv6(literal);
    }

    /** The address of a bare literal with a ':' (IPv6, or IPv4-mapped), or null; parsed, never looked up. */
    public static InetAddress ipv6(String literal) {
        if (literal == null || literal.indexOf(':') < 0 || !IPV6.matcher(literal).matches()) {
            return null;
        }
        return parse(literal);
    }

    /** A literal's address; with a ':' or as a dotted quad, {@link InetAddress#getByName} parses and never resolves. */
    private static InetAddress parse(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
