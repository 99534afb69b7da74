package ai.aiart.reliability;

import static ai.aiart.reliability.BadInput.send;
import static ai.aiart.reliability.BadInputSuiteTest.bad;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import com.mongodb.client.MongoClient;

import ai.aiart.admin.AdminRoutesTest;
import ai.aiart.support.AuthEmulator;
import ai.aiart.support.EmbeddedStoreResource;
import ai.aiart.support.FirebaseEmulatorProfile;
import ai.aiart.support.InjectAuthEmulator;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/**
 * The bad-input rows that need real sign-ins (the Firebase Auth emulator): tokens that are
 * expired or for another project, every admin route called by a signed-in non-admin, admin
 * requests with bad bodies, and a spoofed {@code X-Forwarded-For} trying to get round an IP block.
 */
@QuarkusTest
@TestProfile(FirebaseEmulatorProfile.class)
@QuarkusTestResource(EmbeddedStoreResource.class)
class SignedInBadInputSuiteTest {

    @InjectAuthEmulator
    AuthEmulator emulator;

    @Inject
    MongoClient mongo;

    @TestFactory
    Stream<DynamicTest> signedInBadInputIsRefusedAndChangesNothing() {
        AuthEmulator.Account account = emulator.signUp();
        String member = account.idToken();
        send().auth().oauth2(member).get("/api/v1/user/me").then().statusCode(200); // the record exists before the rows
        String admin = emulator.setClaims(emulator.signUp(), Map.of("admin", true)).idToken();
        send().auth().oauth2(admin).get("/api/v1/user/me").then().statusCode(200);
        long now = Instant.now().getEpochSecond();
        List<BadInput> t = new ArrayList<>();

        String g = "tokens (Auth emulator)";
        t.add(bad(g, "expired an hour ago", 401, "unauthorized", () -> send().auth()
                .oauth2(AuthEmulator.withClaims(member, Map.of("exp", now - 3600, "iat", now - 7200))).get("/api/v1/user/me")));
        t.add(bad(g, "for another project", 401, "unauthorized", () -> send().auth()
                .oauth2(AuthEmulator.withClaims(member, Map.of("aud", "demo-other"))).get("/api/v1/user/me")));
        t.add(bad(g, "from another issuer", 401, "unauthorized", () -> send().auth()
                .oauth2(AuthEmulator.withClaims(member, Map.of("iss", "https://evil.example/demo-aiart"))).get("/api/v1/user/me")));
        t.add(bad(g, "issued in the future", 401, "unauthorized", () -> send().auth()
                .oauth2(AuthEmulator.withClaims(member, Map.of("iat", now + 3600))).get("/api/v1/user/me")));
        t.add(bad(g, "without a subject", 401, "unauthorized", () -> send().auth()
                .oauth2(AuthEmulator.withClaims(member, Map.of("sub", ""))).contentType(ContentType.JSON)
                .body("{\"prompt\":\"a cat\"}").post(BadInputSuiteTest.T2I)));

        g = "admin routes without the role";
        for (String route : AdminRoutesTest.adminRoutes()) {
            String method = route.substring(0, route.indexOf(' '));
            String path = route.substring(route.indexOf(' ') + 1).replaceAll("\\{[^}]+}", account.uid());
            t.add(bad(g, route + " as a signed-in user", 403, "forbidden", () -> send().auth().oauth2(member)
                    .contentType(ContentType.JSON).body("{\"tier\":\"donor\",\"per_minute\":1000,\"identity\":\"user:x\"}")
                    .request(method, path)));
        }

        g = "admin requests with bad bodies";
        String users = "/api/v1/admin/users/" + account.uid();
        t.add(bad(g, "tier that does not exist", 400, "validation", () -> send().auth().oauth2(admin).contentType(ContentType.JSON)
                .body("{\"tier\":\"god\"}").put(users + "/tier")));
        t.add(bad(g, "negative per-minute override", 400, "validation", () -> send().auth().oauth2(admin).contentType(ContentType.JSON)
                .body("{\"per_minute\":-5}").put(users + "/overrides")));
        t.add(bad(g, "block without ip or identity", 400, "validation", () -> send().auth().oauth2(admin).contentType(ContentType.JSON)
                .body("{\"minutes\":5}").post("/api/v1/admin/blocks")));
        t.add(bad(g, "block of a malformed IP", 400, "validation", () -> send().auth().oauth2(admin).contentType(ContentType.JSON)
                .body("{\"ip\":\"999.1.1.1; drop\",\"minutes\":5}").post("/api/v1/admin/blocks")));
        t.add(bad(g, "tier of an unknown user", 404, "not_found", () -> send().auth().oauth2(admin).contentType(ContentType.JSON)
                .body("{\"tier\":\"donor\"}").put("/api/v1/admin/users/no-such-uid/tier")));
        t.add(bad(g, "cancel an unknown job", 404, "not_found", () -> send().auth().oauth2(admin).delete("/api/v1/admin/jobs/not-a-job")));
        t.add(bad(g, "list limit 0", 400, "validation", () -> send().auth().oauth2(admin).get("/api/v1/admin/users?limit=0")));
        t.add(bad(g, "history cursor that is not one", 400, "validation", () -> send().auth().oauth2(member).get("/api/v1/user/jobs?before=yesterday")));
        return BadInput.run(t, () -> mongo.getDatabase("aiart"));
    }

    @Test
    void aSpoofedForwardedForDoesNotGetRoundAnIpBlock() {
        String admin = emulator.setClaims(emulator.signUp(), Map.of("admin", true)).idToken();
        send().auth().oauth2(admin).contentType(ContentType.JSON).body("{\"ip\":\"127.0.0.1\",\"minutes\":5,\"reason\":\"reliability suite\"}")
                .post("/api/v1/admin/blocks").then().statusCode(201);
        try {
            List<BadInput> t = new ArrayList<>();
            String g = "client IP (no trusted proxy)";
            for (String spoof : new String[] {"203.0.113.7", "203.0.113.7, 198.51.100.1", "unknown", "::1", "127.0.0.2"}) {
                t.add(bad(g, "blocked address sending X-Forwarded-For: " + spoof, 429, "blocked", () -> send()
                        .header("X-Forwarded-For", spoof).contentType(ContentType.JSON).body("{\"prompt\":\"let me in\"}")
                        .post(BadInputSuiteTest.T2I)));
            }
            t.add(bad(g, "blocked address sending Forwarded: for=203.0.113.9", 429, "blocked", () -> send()
                    .header("Forwarded", "for=203.0.113.9").contentType(ContentType.JSON).body("{\"prompt\":\"let me in\"}")
                    .post(BadInputSuiteTest.T2I)));
            for (BadInput row : t) {
                ReliabilityLog.run(BadInput.SUITE, row.group(), row.name(), row.expected(), 1, () -> row.check(mongo.getDatabase("aiart")));
            }
        } finally {
            send().auth().oauth2(admin).delete("/api/v1/admin/blocks?ip=127.0.0.1").then().statusCode(200);
        }
    }
}
