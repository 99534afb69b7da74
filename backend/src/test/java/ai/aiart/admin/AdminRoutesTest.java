package ai.aiart.admin;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import ai.aiart.support.AuthEmulator;
import ai.aiart.support.EmbeddedStoreResource;
import ai.aiart.support.FirebaseEmulatorProfile;
import ai.aiart.support.InjectAuthEmulator;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

/**
 * Every admin route, found in the application's own OpenAPI document so that a new one cannot
 * slip through: 401 for anonymous callers, 403 for signed-in non-admins, 2xx for admins. A new
 * admin route fails this test until it has an example request below.
 */
@QuarkusTest
@TestProfile(FirebaseEmulatorProfile.class)
@QuarkusTestResource(EmbeddedStoreResource.class)
public class AdminRoutesTest {

    @InjectAuthEmulator
    AuthEmulator emulator;

    /** A request an admin may make to a route, prepared with the admin's token (set-up included). */
    record Example(String path, Object body) {
    }

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    private Map<String, Function<String, Example>> examples(String userUid) {
        Map<String, Function<String, Example>> examples = new TreeMap<>();
        examples.put("GET /api/v1/admin/users", admin -> new Example("/api/v1/admin/users?limit=5", null));
        examples.put("PUT /api/v1/admin/users/{uid}/tier", admin -> new Example("/api/v1/admin/users/" + userUid + "/tier", Map.of("tier", "donor")));
        examples.put("POST /api/v1/admin/users/{uid}/tier", admin -> new Example("/api/v1/admin/users/" + userUid + "/tier", Map.of("tier", "registered")));
        examples.put("PUT /api/v1/admin/users/{uid}/overrides", admin -> new Example("/api/v1/admin/users/" + userUid + "/overrides", Map.of("per_minute", 7)));
        examples.put("POST /api/v1/admin/users/{uid}/overrides", admin -> new Example("/api/v1/admin/users/" + userUid + "/overrides", java.util.Collections.singletonMap("per_minute", null)));
        examples.put("GET /api/v1/admin/blocks", admin -> new Example("/api/v1/admin/blocks", null));
        examples.put("POST /api/v1/admin/blocks", admin -> new Example("/api/v1/admin/blocks", Map.of("identity", "user:routes-" + UUID.randomUUID(), "minutes", 1)));
        examples.put("DELETE /api/v1/admin/blocks", admin -> {
            String identity = "user:routes-" + UUID.randomUUID();
            given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("identity", identity))
                    .post("/api/v1/admin/blocks").then().statusCode(201);
            return new Example("/api/v1/admin/blocks?identity=" + identity, null);
        });
        examples.put("GET /api/v1/admin/queue", admin -> new Example("/api/v1/admin/queue", null));
        examples.put("GET /api/v1/admin/analytics", admin -> new Example("/api/v1/admin/analytics?days=2", null));
        examples.put("GET /api/v1/admin/metrics/history", admin -> new Example("/api/v1/admin/metrics/history?hours=1", null));
        examples.put("GET /api/v1/admin/store", admin -> new Example("/api/v1/admin/store", null));
        examples.put("GET /api/v1/admin/alerts", admin -> new Example("/api/v1/admin/alerts?limit=5", null));
        examples.put("GET /api/v1/admin/errors", admin -> new Example("/api/v1/admin/errors?limit=5", null));
        examples.put("DELETE /api/v1/admin/jobs/{id}", admin -> {
            String id = given().contentType(ContentType.JSON).body(Map.of("prompt", "to be canceled by an admin"))
                    .post("/api/v1/generate/text-to-image").then().statusCode(202).extract().path("id");
            return new Example("/api/v1/admin/jobs/" + id, null);
        });
        return examples;
    }

    @Test
    void everyAdminRouteRefusesAnonymousAndNonAdminsAndServesAdmins() {
        List<String> routes = adminRoutes();
        assertTrue(routes.size() >= 10, "admin routes found in /q/openapi: " + routes);
        AuthEmulator.Account user = emulator.signUp();
        String member = user.idToken();
        given().auth().oauth2(member).get("/api/v1/user/me").then().statusCode(200); // the user exists from now on
        String admin = emulator.setClaims(emulator.signUp(), Map.of("admin", true)).idToken();
        Map<String, Function<String, Example>> examples = examples(user.uid());

        List<String> missing = new ArrayList<>();
        for (String route : routes) {
            String method = route.substring(0, route.indexOf(' '));
            String template = route.substring(route.indexOf(' ') + 1);
            String anyPath = template.replaceAll("\\{[^}]+}", "x");

            request(null, method, anyPath, Map.of()).then().statusCode(401)
                    .contentType("application/problem+json").body("error_type", equalTo("unauthorized"));
            request(member, method, anyPath, Map.of()).then().statusCode(403)
                    .contentType("application/problem+json").body("error_type", equalTo("forbidden"));

            Function<String, Example> example = examples.get(route);
            if (example == null) {
                missing.add(route);
                continue;
            }
            Example call = example.apply(admin);
            int status = request(admin, method, call.path(), call.body()).then().extract().statusCode();
            assertTrue(status >= 200 && status < 300, route + " answered an admin " + status);
        }
        assertEquals(List.of(), missing, "admin routes without an example request in AdminRoutesTest");
    }

    @Test
    void analyticsAnswerByDayOrByHourAndRefuseBoth() {
        String admin = emulator.setClaims(emulator.signUp(), Map.of("admin", true)).idToken();
        given().auth().oauth2(admin).get("/api/v1/admin/analytics?hours=24").then().statusCode(200)
                .body("hours.size()", equalTo(24)).body("days.size()", equalTo(0));
        given().auth().oauth2(admin).get("/api/v1/admin/analytics?days=2").then().statusCode(200)
                .body("days.size()", equalTo(2)).body("containsKey('hours')", equalTo(false));
        for (String query : new String[] {"days=2&hours=24", "hours=0", "hours=169"}) {
            given().auth().oauth2(admin).get("/api/v1/admin/analytics?" + query).then().statusCode(400)
                    .contentType("application/problem+json").body("error_type", equalTo("validation"));
        }
    }

    @Test
    void theAdminRoleComesFromAVerifiedConfiguredEmailOrTheClaim() {
        AuthEmulator.Account configured = emulator.signUp(FirebaseEmulatorProfile.ADMIN_EMAIL);
        given().auth().oauth2(configured.idToken()).get("/api/v1/admin/queue").then().statusCode(403);
        given().auth().oauth2(configured.idToken()).get("/api/v1/auth/me").then().statusCode(200)
                .body("admin", equalTo(false)).body("tier", equalTo("anonymous")); // not verified: a visitor's allowance

        AuthEmulator.Account verified = emulator.verifyEmail(configured);
        given().auth().oauth2(verified.idToken()).get("/api/v1/admin/queue").then().statusCode(200);
        given().auth().oauth2(verified.idToken()).get("/api/v1/auth/me").then().statusCode(200)
                .body("admin", equalTo(true)).body("tier", equalTo("admin"));

        AuthEmulator.Account claimed = emulator.setClaims(emulator.signUp(), Map.of("admin", true));
        given().auth().oauth2(claimed.idToken()).get("/api/v1/admin/users").then().statusCode(200);
        given().auth().oauth2(claimed.idToken()).contentType(ContentType.JSON).body(Map.of("prompt", "an admin's picture"))
                .post("/api/v1/generate/text-to-image").then().statusCode(202)
                .header("RateLimit-Policy", "\"admin\";q=60;w=60");
    }

    /**
     * A path spelled so that it might slip past a prefix check: where it reaches an admin resource
     * (an admin is served), the gate answers everyone else — 401 and 403 in the problem format, with
     * the gate's words; where it reaches nothing (an admin gets 404 too), nobody is served. At least
     * one spelling must reach the resource, or the test would prove nothing about the gate.
     */
    @Test
    void oddlySpelledAdminPathsAreGuardedToo() {
        String member = emulator.signUp().idToken();
        String admin = emulator.setClaims(emulator.signUp(), Map.of("admin", true)).idToken();
        int reached = 0;
        for (String path : new String[] { "/api/v1//admin/users", "/api/v1/./admin/users", "/api/v1/admin//queue",
            "/api/v1/admin/./queue", "/api/v1/x/../admin/queue" }) {
            int asAdmin = given().urlEncodingEnabled(false).auth().oauth2(admin).get(path).then().extract().statusCode();
            var anonymous = given().urlEncodingEnabled(false).get(path).then();
            var signedIn = given().urlEncodingEnabled(false).auth().oauth2(member).get(path).then();
            if (asAdmin == 200) {
                reached++;
                anonymous.statusCode(401).contentType("application/problem+json").body("error_type", equalTo("unauthorized"));
                signedIn.statusCode(403).contentType("application/problem+json").body("error_type", equalTo("forbidden"))
                        .body("message", equalTo("This is for AiArt's admins only."));
            } else {
                assertEquals(404, asAdmin, path + " answered an admin " + asAdmin);
                anonymous.statusCode(404);
                signedIn.statusCode(404);
            }
        }
        assertTrue(reached > 0, "no spelling reached an admin resource");
    }

    /** "METHOD /path/{param}" of every operation under /api/v1/admin in /q/openapi. */
    public static List<String> adminRoutes() {
        JsonPath openapi = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract().jsonPath();
        Map<String, Map<String, Object>> paths = openapi.getMap("paths");
        List<String> routes = new ArrayList<>();
        paths.forEach((path, operations) -> {
            if (path.startsWith("/api/v1/admin")) {
                operations.keySet().stream()
                        .filter(m -> List.of("get", "post", "put", "delete", "patch").contains(m))
                        .forEach(m -> routes.add(m.toUpperCase() + " " + path));
            }
        });
        routes.sort(null);
        return routes;
    }

    private static io.restassured.response.Response request(String token, String method, String path, Object body) {
        RequestSpecification spec = given().urlEncodingEnabled(false);
        if (token != null) {
            spec.auth().oauth2(token);
        }
        if (body != null && !method.equals("GET") && !method.equals("DELETE")) {
            spec.contentType(ContentType.JSON).body(body);
        }
        return spec.request(method, path);
    }
}
