package ai.aiart.ratelimit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import ai.aiart.auth.IdentityResolver;
import ai.aiart.generation.service.StreamSlots;
import ai.aiart.reliability.ReliabilityCase;
import ai.aiart.reliability.ReliabilityWatcher;
import ai.aiart.support.EmbeddedStoreResource;
import ai.aiart.support.SmallLimitsProfile;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

/**
 * The per-IP limits on reading jobs and on beacons hold however the path is spelt and for
 * {@code HEAD}, and live-status streams are capped per visitor and per instance, the slot coming
 * back when a stream ends; a stream on a job that does not change sends heartbeats
 * (docs/FAIR_USE.md). No workers, so a job stays queued.
 */
@QuarkusTest
@TestProfile(SmallLimitsProfile.class) // four job reads and three beacons a minute, two streams a visitor and three in all
@QuarkusTestResource(EmbeddedStoreResource.class)
@ExtendWith(ReliabilityWatcher.class)
@ReliabilityCase(suite = "bad-input", group = "limits stepped around")
class GatesAndStreamsTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static int visitors;

    @TestHTTPResource("/")
    URL base;

    @Inject
    StreamSlots streams;

    @Inject
    IdentityResolver identities;

    @Test
    @ReliabilityCase(name = "job reads as HEAD, percent-encoded (/api/v1/%6Aobs/…) and with dot segments", count = 5,
            expected = "all counted as GET reads: the 5th of 4 a minute is 429 rate_limited")
    void jobReadsCountHoweverTheyAreSpelt() {
        String job = queuedJob();
        String ip = visitor();
        List<Function<String, Response>> spellings = List.of(
                path -> read(ip).head(path),
                path -> read(ip).get(path.replace("/api/v1/jobs/", "/api/v1/%6Aobs/")),
                path -> read(ip).get(path.replace("/api/v1/jobs/", "/api/v1/x/../jobs/")),
                path -> read(ip).get(path.replace("/api/v1/jobs/", "/api/v1//jobs/")));
        for (Function<String, Response> spelling : spellings) {
            assertEquals(200, spelling.apply("/api/v1/jobs/" + job).statusCode());
        }
        read(ip).get("/api/v1/jobs/" + job).then().statusCode(429).body("error_type", equalTo("rate_limited"));
    }

    @Test
    @ReliabilityCase(name = "job reads from 4 addresses of one IPv6 /64", count = 5,
            expected = "one visitor: the 5th read of 4 a minute is 429 rate_limited; another /64 is another visitor")
    void theAddressesOfOneIpv6Slash64AreOneVisitor() {
        String job = queuedJob();
        for (String ip : List.of("2001:db8:5:6::1", "2001:db8:5:6::2", "2001:db8:5:6:ffff:ffff:ffff:ffff", "2001:db8:5:6:1:2:3:4")) {
            read(ip).get("/api/v1/jobs/" + job).then().statusCode(200);
        }
        read("2001:db8:5:6::99").get("/api/v1/jobs/" + job).then().statusCode(429);
        read("2001:db8:5:7::1").get("/api/v1/jobs/" + job).then().statusCode(200);
    }

    @Test
    void aVisitorsAddressIsItsIpv4AddressOrItsIpv6Slash64() {
        assertEquals("2001:db8:5:6:0:0:0:0/64", identities.visitorAddress("2001:db8:5:6:abcd::1"));
        assertEquals("2001:db8:5:6:0:0:0:0/64", identities.visitorAddress("[2001:DB8:5:6::2%eth0]"));
        assertEquals("203.0.113.9", identities.visitorAddress("203.0.113.9"));
        assertEquals("203.0.113.9", identities.visitorAddress("::ffff:203.0.113.9"), "IPv4-mapped: the IPv4 address");
        assertEquals("unknown", identities.visitorAddress("unknown"));
        assertEquals("not:an:address:at:all:zz", identities.visitorAddress("not:an:address:at:all:zz"));
        assertEquals(identities.anonymousKey("2001:db8:5:6::1"), identities.anonymousKey("2001:db8:5:6:ffff::1"));
        assertTrue(!identities.anonymousKey("2001:db8:5:6::1").equals(identities.anonymousKey("2001:db8:5:7::1")));
    }

    @Test
    void askingForOnesAddressTakesNothingFromTheReadsOrTheCreations() {
        String ip = visitor();
        for (int i = 0; i < 10; i++) { // more than the four reads and four creations a minute
            read("6.6.6.6, " + ip).get("/api/v1/client-address").then().statusCode(200)
                    .body("address", equalTo(ip)).body("source", equalTo("x-forwarded-for")); // one hop trusted
        }
        read(ip).get("/api/v1/limits").then().statusCode(200).body("tokens_left", equalTo(4));
        String job = queuedJob();
        for (int i = 0; i < 4; i++) {
            read(ip).get("/api/v1/jobs/" + job).then().statusCode(200);
        }
    }

    @Test
    @ReliabilityCase(name = "beacons to /api/v1/analytics/%65vents", count = 4,
            expected = "counted as beacons: the 4th of 3 a minute is 429 rate_limited")
    void beaconsCountHoweverTheyAreSpelt() {
        String ip = visitor();
        for (int i = 0; i < 3; i++) {
            beacon(ip, "/api/v1/analytics/%65vents").then().statusCode(202);
        }
        beacon(ip, "/api/v1/analytics/events").then().statusCode(429).body("error_type", equalTo("rate_limited"));
    }

    @Test
    @ReliabilityCase(name = "live-status streams past the caps (2 a visitor, 3 an instance)", count = 5,
            expected = "429 past the visitor's cap, 503 past the instance's, in the problem format; the slot back when a stream ends")
    void streamsAreCappedPerVisitorAndPerInstance() throws Exception {
        String job = queuedJob();
        String one = visitor();
        String two = visitor();
        String key = identities.hashIp(one);
        List<HttpResponse<java.io.InputStream>> open = new ArrayList<>();
        try {
            open.add(stream(job, one));
            open.add(stream(job, one));
            HttpResponse<java.io.InputStream> third = stream(job, one);
            assertEquals(429, third.statusCode());
            assertTrue(new String(third.body().readAllBytes(), StandardCharsets.UTF_8).contains("\"error_type\":\"rate_limited\""));
            assertEquals(2, streams.openOf("ip:" + key));
            open.add(stream(job, two));
            HttpResponse<java.io.InputStream> fourth = stream(job, visitor());
            assertEquals(503, fourth.statusCode());
            assertTrue(new String(fourth.body().readAllBytes(), StandardCharsets.UTF_8).contains("\"error_type\":\"resource_limit\""));
            open.forEach(r -> assertEquals(200, r.statusCode()));
            open.remove(0).body().close(); // the visitor leaves one page
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (streams.openOf("ip:" + key) > 1 && System.nanoTime() < until) {
                Thread.sleep(100);
            }
            assertEquals(1, streams.openOf("ip:" + key), "the slot of a closed stream comes back");
            open.add(stream(job, one));
            assertEquals(200, open.get(open.size() - 1).statusCode());
        } finally {
            for (HttpResponse<java.io.InputStream> r : open) {
                r.body().close();
            }
        }
    }

    @Test
    void aStreamOnAJobThatDoesNotChangeSendsHeartbeats() throws Exception {
        String job = queuedJob();
        HttpResponse<java.io.InputStream> response = stream(job, visitor());
        assertEquals(200, response.statusCode());
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            CompletableFuture<Integer> events = CompletableFuture.supplyAsync(() -> {
                int n = 0;
                try {
                    for (String line; n < 3 && (line = lines.readLine()) != null;) {
                        if (line.startsWith("data:")) {
                            assertTrue(line.contains("\"status\":\"queued\""), line);
                            n++;
                        }
                    }
                } catch (java.io.IOException e) {
                    // closed below
                }
                return n;
            });
            assertEquals(3, events.get(30, TimeUnit.SECONDS), "the first snapshot and two heartbeats");
        }
    }

    private HttpResponse<java.io.InputStream> stream(String job, String ip) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base.toString()).resolve("/api/v1/jobs/" + job + "/events"))
                .header("Accept", "text/event-stream").header("X-Forwarded-For", ip).timeout(Duration.ofSeconds(30)).GET().build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofInputStream());
    }

    private static String queuedJob() {
        return given().header("X-Forwarded-For", visitor()).contentType("application/json")
                .body("{\"prompt\":\"a lighthouse at dusk\"}").post("/api/v1/generate/text-to-image")
                .then().statusCode(202).extract().path("id");
    }

    private static io.restassured.specification.RequestSpecification read(String ip) {
        return given().urlEncodingEnabled(false).header("X-Forwarded-For", ip);
    }

    private static Response beacon(String ip, String path) {
        return given().urlEncodingEnabled(false).header("X-Forwarded-For", ip).contentType("application/json")
                .body("{\"type\":\"page_view\",\"page\":\"/\"}").post(path);
    }

    private static synchronized String visitor() {
        return "203.0.113." + (++visitors);
    }
}
