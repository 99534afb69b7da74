package ai.aiart.admin;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
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
import io.restassured.response.ValidatableResponse;

/** What admins change is what users then get: tiers and overrides in the limiter, blocks, the queue. */
@QuarkusTest
@TestProfile(FirebaseEmulatorProfile.class)
@QuarkusTestResource(EmbeddedStoreResource.class)
class AdminActionsTest {

    @InjectAuthEmulator
    AuthEmulator emulator;
    String admin;

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    @BeforeEach
    void signInAdmin() {
        admin = emulator.setClaims(emulator.signUp(), Map.of("admin", true)).idToken();
    }

    @Test
    void aTierAndAnOverrideSetByAnAdminAreWhatTheUserGets() {
        AuthEmulator.Account user = emulator.verifyEmail(emulator.signUp());
        generate(user.idToken()).statusCode(202).header("RateLimit-Policy", "\"registered\";q=5;w=60");

        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("tier", "donor"))
                .put("/api/v1/admin/users/" + user.uid() + "/tier").then().statusCode(200).body("tier", equalTo("donor"));
        generate(user.idToken()).statusCode(202).header("RateLimit-Policy", "\"donor\";q=10;w=60").body("tier", equalTo("donor"));

        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("per_minute", 20))
                .put("/api/v1/admin/users/" + user.uid() + "/overrides").then().statusCode(200)
                .body("rate_limit_overrides.per_minute", equalTo(20));
        generate(user.idToken()).statusCode(202).header("RateLimit-Policy", "\"donor\";q=20;w=60");
        given().auth().oauth2(user.idToken()).get("/api/v1/user/me").then().statusCode(200)
                .body("tier", equalTo("donor")).body("rate_limit_overrides.per_minute", equalTo(20));

        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Collections.singletonMap("per_minute", null))
                .post("/api/v1/admin/users/" + user.uid() + "/overrides").then().statusCode(200);
        generate(user.idToken()).statusCode(202).header("RateLimit-Policy", "\"donor\";q=10;w=60");

        given().auth().oauth2(admin).queryParam("email", user.email()).get("/api/v1/admin/users").then().statusCode(200)
                .body("users.id", equalTo(List.of(user.uid())));
    }

    @Test
    void theUsersListSaysWhoTheBackendTreatsAsAnAdmin() {
        AuthEmulator.Account claimed = emulator.setClaims(emulator.signUp(), Map.of("admin", true));
        AuthEmulator.Account user = emulator.signUp();
        for (AuthEmulator.Account a : List.of(claimed, user)) { // a user's record is made by their first signed-in request
            given().auth().oauth2(a.idToken()).get("/api/v1/auth/me").then().statusCode(200);
        }
        given().auth().oauth2(claimed.idToken()).queryParam("email", claimed.email()).get("/api/v1/admin/users").then().statusCode(200)
                .body("users[0].id", equalTo(claimed.uid())).body("users[0].admin", equalTo(true))
                .body("users[0].tier", equalTo("registered"));
        given().auth().oauth2(claimed.idToken()).queryParam("email", user.email()).get("/api/v1/admin/users").then().statusCode(200)
                .body("users[0].id", equalTo(user.uid())).body("users[0].admin", org.hamcrest.Matchers.nullValue());
    }

    @Test
    void adminChangesAreChecked() {
        AuthEmulator.Account user = emulator.signUp();
        given().auth().oauth2(user.idToken()).get("/api/v1/user/me").then().statusCode(200);
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("tier", "admin"))
                .put("/api/v1/admin/users/" + user.uid() + "/tier").then().statusCode(400).body("error_type", equalTo("validation"));
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("tier", "gold"))
                .put("/api/v1/admin/users/" + user.uid() + "/tier").then().statusCode(400);
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("per_minute", 0))
                .put("/api/v1/admin/users/" + user.uid() + "/overrides").then().statusCode(400);
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("tier", "donor"))
                .put("/api/v1/admin/users/nobody/tier").then().statusCode(404).body("error_type", equalTo("not_found"));
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("ip", "not-an-ip"))
                .post("/api/v1/admin/blocks").then().statusCode(400);
    }

    /**
     * Every check of a block, a tier and an override, by field and message (by PUT and by POST): all
     * failures of a body in one answer sorted by field, the first as the message; the limits pass.
     */
    @Test
    void everyFieldOfAnAdminChangeIsCheckedByName() {
        String noBlock = "Send {\"ip\": …} or {\"identity\": …}.";
        fieldErrors("post", "/api/v1/admin/blocks", "", "request", noBlock);
        fieldErrors("post", "/api/v1/admin/blocks", "{\"ip\":\"" + "1".repeat(46) + "\",\"identity\":\"" + "u".repeat(141)
                + "\",\"minutes\":0,\"reason\":\"" + "r".repeat(201) + "\"}",
                "identity", "size must be between 0 and 140", "ip", "size must be between 0 and 45",
                "minutes", "minutes must be at least 1.", "reason", "Keep the reason under 200 characters.");
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("ip", "1".repeat(45), "identity", "u".repeat(140),
                "minutes", 1, "reason", "r".repeat(200))).post("/api/v1/admin/blocks").then().statusCode(400)
                .body("message", equalTo("Give either an IP address ('ip') or an identity ('identity', e.g. user:<uid>)."))
                .body("$", not(hasKey("errors")));

        String users = "/api/v1/admin/users/nobody";
        String tier = "Say which tier: anonymous, registered or donor.";
        String perMinute = "Send {\"per_minute\": n} or {\"per_minute\": null}.";
        for (String method : List.of("put", "post")) {
            fieldErrors(method, users + "/tier", "", "change", "Send {\"tier\": …}.");
            fieldErrors(method, users + "/tier", "{}", "tier", tier);
            fieldErrors(method, users + "/tier", "{\"tier\":\" \\t\"}", "tier", tier);
            fieldErrors(method, users + "/overrides", "null", "change", perMinute);
            fieldErrors(method, users + "/overrides", "{\"per_minute\":0}", "perMinute", "per_minute must be at least 1.");
            fieldErrors(method, users + "/overrides", "{\"per_minute\":10001}", "perMinute", "per_minute must be at most 10000.");
            for (int limit : new int[] {1, 10000}) {
                given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("per_minute", limit))
                        .request(method, users + "/overrides").then().statusCode(404);
            }
        }
    }

    /** A 400 whose {@code errors} are exactly these field and message pairs, in this order, the first pair's message as its own. */
    private void fieldErrors(String method, String path, String body, String... fieldsAndMessages) {
        List<Map<String, String>> errors = new ArrayList<>();
        for (int i = 0; i < fieldsAndMessages.length; i += 2) {
            errors.add(Map.of("field", fieldsAndMessages[i], "message", fieldsAndMessages[i + 1]));
        }
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(body).request(method, path).then().statusCode(400)
                .contentType("application/problem+json").body("error_type", equalTo("validation"))
                .body("message", equalTo(fieldsAndMessages[1])).body("errors", equalTo(errors));
    }

    @Test
    void anIpBlockStopsAnonymousGenerationUntilLifted() {
        generate(null).statusCode(202);
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("ip", "127.0.0.1", "minutes", 5, "reason", "test"))
                .post("/api/v1/admin/blocks").then().statusCode(201).body("source", equalTo("admin"));
        try {
            generate(null).statusCode(429).header("Retry-After", "300")
                    .body("error_type", equalTo("blocked"))
                    .body("message", equalTo("Creating is paused for you by AiArt's admins for 5 minutes."));
            given().auth().oauth2(admin).get("/api/v1/admin/blocks").then().statusCode(200)
                    .body("blocks.reason", hasItem("test"));
        } finally {
            given().auth().oauth2(admin).queryParam("ip", "127.0.0.1").delete("/api/v1/admin/blocks").then().statusCode(200)
                    .body("admin", equalTo(true));
        }
        generate(null).statusCode(202);
        given().auth().oauth2(admin).queryParam("ip", "127.0.0.1").delete("/api/v1/admin/blocks").then().statusCode(404);
    }

    @Test
    void anAutomaticBlockIsListedAndCanBeLifted() {
        AuthEmulator.Account user = emulator.verifyEmail(emulator.signUp());
        String blocked = null;
        for (int i = 0; i < 60 && blocked == null; i++) {
            ValidatableResponse answer = generate(user.idToken());
            if (answer.extract().statusCode() == 429 && "blocked".equals(answer.extract().path("error_type"))) {
                blocked = "user:" + user.uid();
            }
        }
        assertEquals("user:" + user.uid(), blocked, "the limiter blocks a user refused again and again");
        JsonPath blocks = given().auth().oauth2(admin).get("/api/v1/admin/blocks").then().statusCode(200).extract().jsonPath();
        assertEquals("automatic", blocks.getString("blocks.find { it.identity == '" + blocked + "' }.source"));

        given().auth().oauth2(admin).queryParam("identity", blocked).delete("/api/v1/admin/blocks").then().statusCode(200)
                .body("automatic", equalTo(true));
        // no longer blocked: an ordinary refusal (the bucket is still empty)
        generate(user.idToken()).statusCode(429).body("error_type", equalTo("rate_limited"));
        given().auth().oauth2(admin).get("/api/v1/admin/blocks").then().statusCode(200)
                .body("blocks.identity", not(hasItem(blocked)));
    }

    @Test
    void theQueueShowsServingOrderAndAdminsCancelAnyJob() {
        String anonymousJob = generate(null).statusCode(202).extract().path("id");
        String adminJob = given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("prompt", "urgent"))
                .post("/api/v1/generate/text-to-image").then().statusCode(202).extract().path("id");

        JsonPath queue = given().auth().oauth2(admin).queryParam("limit", 200).get("/api/v1/admin/queue")
                .then().statusCode(200).extract().jsonPath();
        List<String> order = queue.getList("next.id");
        assertTrue(order.indexOf(adminJob) >= 0 && order.indexOf(adminJob) < order.indexOf(anonymousJob),
                "priority 1 is served before priority 3: " + order);
        assertTrue(queue.getLong("queued") >= 2);
        int position = queue.getInt("next.find { it.id == '" + anonymousJob + "' }.position");
        given().get("/api/v1/jobs/" + anonymousJob).then().statusCode(200).body("position", equalTo(position));

        given().auth().oauth2(admin).delete("/api/v1/admin/jobs/" + anonymousJob).then().statusCode(200)
                .body("status", equalTo("canceled"));
        given().auth().oauth2(admin).delete("/api/v1/admin/jobs/" + anonymousJob).then().statusCode(409);
        given().auth().oauth2(admin).delete("/api/v1/admin/jobs/no-such-job").then().statusCode(404);
        given().auth().oauth2(admin).delete("/api/v1/admin/jobs/" + adminJob).then().statusCode(200);
    }

    private static ValidatableResponse generate(String token) {
        var spec = given().contentType(ContentType.JSON).body(Map.of("prompt", "a quiet harbour"));
        if (token != null) {
            spec.auth().oauth2(token);
        }
        return spec.post("/api/v1/generate/text-to-image").then();
    }
}
