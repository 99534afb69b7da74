package ai.aiart.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import ai.aiart.auth.ClientAddresses.ClientAddress;

/**
 * How a request's client address is found behind each platform's proxy, with the headers laid out
 * as each platform sends them (docs/FAIR_USE.md, "Client IP and proxies", and its sources, read
 * 2026-12-07):
 * <ul>
 * <li>Fly: {@code Fly-Client-IP: <client>} and {@code X-Forwarded-For: <client>, <the app's IP>}
 * (fly.io/docs/networking/request-headers);</li>
 * <li>Railway: {@code X-Real-IP: <client>} (docs.railway.com, "Specs and limits") and, as reported,
 * {@code X-Forwarded-For: <client>, <Railway's edge, varying per request>};</li>
 * <li>Render (reported, through Cloudflare): {@code True-Client-IP: <client>},
 * {@code X-Forwarded-For: <what the client sent…>, <client>, <Cloudflare edge>, <Render 10.x>}.</li>
 * </ul>
 */
class ClientAddressesTest {

    private static final String PEER = "10.1.2.3";
    private static final String CLIENT = "198.51.100.23";
    private static final String FORGED = "6.6.6.6";

    /** The request's headers, every value of a name, matched without regard to case as Vert.x does. */
    private static final class Headers {
        private final Map<String, List<String>> values = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

        Headers add(String name, String value) {
            values.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
            return this;
        }

        List<String> get(String name) {
            return values.getOrDefault(name, List.of());
        }
    }

    private static ClientAddress resolve(String header, int hops, Headers headers) {
        return new ClientAddresses(Optional.ofNullable(header), hops).of(PEER, headers::get);
    }

    private static Headers fly(String forwardedFor) {
        return new Headers().add("Fly-Client-IP", CLIENT).add("X-Forwarded-For", forwardedFor);
    }

    private static Headers railway(String edge) {
        return new Headers().add("X-Real-IP", CLIENT).add("X-Forwarded-For", CLIENT + ", " + edge)
                .add("X-Railway-Edge", "railway/europe-west4-drams3a");
    }

    private static Headers render(String forwardedFor) {
        return new Headers().add("True-Client-IP", CLIENT).add("CF-Connecting-IP", CLIENT).add("X-Forwarded-For", forwardedFor);
    }

    private static final String FLY_APP = "137.66.1.1";
    private static final String FLY_XFF = FORGED + ", " + CLIENT + ", " + FLY_APP;
    private static final String RENDER_XFF = FORGED + "," + CLIENT + ", 172.71.95.118, 10.19.64.237";

    @Test
    void eachPlatformsHeaderGivesTheClientWhateverTheClientPutInXForwardedFor() {
        assertEquals(new ClientAddress(CLIENT, "header Fly-Client-IP"), resolve("Fly-Client-IP", 1, fly(FLY_XFF)));
        for (String edge : List.of("152.233.33.161", "152.233.33.162")) {
            assertEquals(new ClientAddress(CLIENT, "header X-Real-IP"), resolve("X-Real-IP", 1, railway(edge)));
        }
        assertEquals(new ClientAddress(CLIENT, "header True-Client-IP"), resolve("True-Client-IP", 1, render(RENDER_XFF)));
        assertEquals(new ClientAddress(CLIENT, "header true-client-ip"), resolve("true-client-ip", 0, render(RENDER_XFF)),
                "a header name in any case; the source names it as configured");
    }

    @Test
    void oneTrustedHopGivesTheProxysAddressOnEveryPlatform() {
        assertEquals(new ClientAddress(FLY_APP, "x-forwarded-for"), resolve(null, 1, fly(FLY_XFF)),
                "Fly: the app's own address, the same for every visitor");
        assertEquals("152.233.33.161", resolve(null, 1, railway("152.233.33.161")).address(), "Railway: the edge");
        assertEquals("152.233.33.162", resolve(null, 1, railway("152.233.33.162")).address(), "… a different one next time");
        assertEquals("10.19.64.237", resolve(null, 1, render(RENDER_XFF)).address(), "Render: its internal address");
    }

    @Test
    void theRightHopCountIsTheFallbackWhenTheHeaderIsMissing() {
        Headers flyWithout = new Headers().add("X-Forwarded-For", FLY_XFF);
        assertEquals(new ClientAddress(CLIENT, "x-forwarded-for"), resolve("Fly-Client-IP", 2, flyWithout));
        Headers railwayWithout = new Headers().add("X-Forwarded-For", CLIENT + ", 152.233.33.163");
        assertEquals(new ClientAddress(CLIENT, "x-forwarded-for"), resolve("X-Real-IP", 2, railwayWithout));
        Headers renderWithout = new Headers().add("X-Forwarded-For", RENDER_XFF);
        assertEquals(new ClientAddress(CLIENT, "x-forwarded-for"), resolve("True-Client-IP", 3, renderWithout));
        // then the peer: no header, no hop trusted, or no X-Forwarded-For at all
        assertEquals(new ClientAddress(PEER, "peer"), resolve("Fly-Client-IP", 0, flyWithout));
        assertEquals(new ClientAddress(PEER, "peer"), resolve("Fly-Client-IP", 2, new Headers()));
        assertEquals(new ClientAddress(PEER, "peer"), resolve(null, 0, fly(FLY_XFF)));
    }

    @Test
    void aHeaderThatIsNotExactlyOneAddressGivesNothing() {
        List<String> refused = List.of("", " ", "unknown", "example.com", "localhost", CLIENT + ", " + FORGED, CLIENT + "," + FORGED,
                CLIENT + ":443", "[2001:db8::7]", "[2001:db8::7]:443", "fe80::1%eth0", "256.1.2.3", "01.2.3.4", "1.2.3", "1.2.3.4.5",
                "2001:db8::7::1", "gggg::1", "1:2", ".:1", "0x7f.0.0.1", "203.0.113.7;for=1.2.3.4");
        for (String value : refused) {
            Headers headers = new Headers().add("Fly-Client-IP", value).add("X-Forwarded-For", FLY_XFF);
            assertEquals(new ClientAddress(CLIENT, "x-forwarded-for"), resolve("Fly-Client-IP", 2, headers),
                    "'" + value + "' is not one address: the hop rule decides");
        }
        Headers twice = new Headers().add("Fly-Client-IP", CLIENT).add("Fly-Client-IP", FORGED);
        assertEquals(new ClientAddress(PEER, "peer"), resolve("Fly-Client-IP", 0, twice), "the header twice: a list");
    }

    @Test
    void anAddressInTheHeaderIsTakenAsSentTrimmed() {
        for (String value : List.of("2001:db8:5:6::7", "::ffff:203.0.113.7", "203.0.113.7", "0.0.0.0", "255.255.255.255")) {
            Headers headers = new Headers().add("X-Real-IP", "  " + value + " ");
            assertEquals(new ClientAddress(value, "header X-Real-IP"), resolve("X-Real-IP", 1, headers));
        }
    }

    @Test
    void aHeaderTheBackendWasNotToldToTrustIsIgnored() {
        Headers forged = new Headers().add("Fly-Client-IP", FORGED).add("X-Real-IP", FORGED).add("True-Client-IP", FORGED)
                .add("X-Forwarded-For", FORGED + ", " + CLIENT);
        assertEquals(new ClientAddress(CLIENT, "x-forwarded-for"), resolve(null, 1, forged));
        assertEquals(new ClientAddress(CLIENT, "x-forwarded-for"), resolve("X-Real-IP-Other", 1, forged));
        assertEquals(new ClientAddress(PEER, "peer"), resolve("  ", 0, forged), "a blank setting is no header");
    }

    @Test
    void aSettingThatIsNotOneHeaderNameIsRefusedAtStart() {
        for (String name : List.of("Fly Client IP", "X-Real-IP, True-Client-IP", "X-Real-IP:", "Fly-Client-IP\nX-Other")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ClientAddresses(Optional.of(name), 0));
            assertTrue(e.getMessage().startsWith("aiart.client-ip-header (AIART_CLIENT_IP_HEADER) must be one header name"), e.getMessage());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ClientAddresses(Optional.empty(), -1));
        assertEquals("aiart.trusted-proxies (AIART_TRUSTED_PROXIES) must be 0 or more, not -1", e.getMessage());
    }
}
