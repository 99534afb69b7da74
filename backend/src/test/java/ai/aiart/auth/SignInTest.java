package ai.aiart.auth;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.time.Instant;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import ai.aiart.generation.repository.JobRepository;
import ai.aiart.support.AuthEmulator;
import ai.aiart.support.EmbeddedStoreResource;
import ai.aiart.support.FirebaseEmulatorProfile;
import ai.aiart.support.InjectAuthEmulator;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/** Sign-in against the real Firebase Auth emulator: what a token buys, and every way a token is refused. */
@QuarkusTest
@TestProfile(FirebaseEmulatorProfile.class)
@QuarkusTestResource(EmbeddedStoreResource.class)
class SignInTest {

    @InjectAuthEmulator
    AuthEmulator emulator;
    @Inject
    JobRepository jobs;

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    @Test
    void anAccountWhoseEmailIsNotVerifiedGetsAVisitorsAllowanceUntilItIs() {
        AuthEmulator.Account account = emulator.signUp();
        String id = generate(account.idToken(), "a kite over the dunes").statusCode(202)
                .header("RateLimit-Policy", org.hamcrest.Matchers.startsWith("\"anonymous\";"))
                .body("tier", equalTo("anonymous"))
                .extract().path("id");
        assertEquals("user:" + account.uid(), jobs.findById(id).owner, "the job is still filed under the account");
        given().auth().oauth2(account.idToken()).get("/api/v1/auth/me").then().statusCode(200)
                .body("email_verified", equalTo(false))
                .body("tier", equalTo("anonymous"));
        given().auth().oauth2(account.idToken()).get("/api/v1/user/me").then().statusCode(200)
                .body("tier", equalTo("registered")); // the account's own tier, held back until it verifies
        given().auth().oauth2(account.idToken()).get("/api/v1/limits").then().statusCode(200)
                .body("tier", equalTo("anonymous"));

        AuthEmulator.Account verified = emulator.verifyEmail(account);
        generate(verified.idToken(), "a kite over the dunes, verified").statusCode(202)
                .header("RateLimit-Policy", "\"registered\";q=5;w=60")
                .body("tier", equalTo("registered"));
    }

    @Test
    void aSignedUpUserGeneratesAsRegisteredAndSeesTheirRecord() {
        AuthEmulator.Account account = emulator.verifyEmail(emulator.signUp());

        String id = generate(account.idToken(), "a lighthouse in a storm").statusCode(202)
                .header("RateLimit-Policy", "\"registered\";q=5;w=60")
                .body("tier", equalTo("registered"))
                .extract().path("id");
        assertEquals("user:" + account.uid(), jobs.findById(id).owner, "the job is filed under the user");

        given().auth().oauth2(account.idToken()).get("/api/v1/auth/me").then().statusCode(200)
                .header("Cache-Control", "no-store")
                .body("uid", equalTo(account.uid()))
                .body("email", equalTo(account.email()))
                .body("email_verified", equalTo(true))
                .body("admin", equalTo(false))
                .body("tier", equalTo("registered"))
                .body("sign_in_provider", equalTo("password"));
        given().auth().oauth2(account.idToken()).get("/api/v1/user/me").then().statusCode(200)
                .body("id", equalTo(account.uid()))
                .body("tier", equalTo("registered"))
                .body("usage_stats.jobs", equalTo(1))
                .body("rate_limit_overrides.per_minute", nullValue());
        given().auth().oauth2(account.idToken()).get("/api/v1/limits").then().statusCode(200)
                .body("tier", equalTo("registered"))
                .body("policy.limit", equalTo(5));
    }

    @Test
    void historyIsTheUsersOwnNewestFirstInPages() {
        AuthEmulator.Account account = emulator.signUp();
        String first = generate(account.idToken(), "first").statusCode(202).extract().path("id");
        String second = generate(account.idToken(), "second").statusCode(202).extract().path("id");
        String third = generate(account.idToken(), "third").statusCode(202).extract().path("id");
        generate(emulator.signUp().idToken(), "someone else's").statusCode(202);

        String next = given().auth().oauth2(account.idToken()).queryParam("limit", 2).get("/api/v1/user/jobs")
                .then().statusCode(200)
                .body("jobs.id", contains(third, second))
                // the owner's history carries the prompts (another device's gallery can title them) …
                .body("jobs.prompt", contains("third", "second"))
                .extract().path("next_before");
        // … which the public job view never does
        given().get("/api/v1/jobs/" + third).then().statusCode(200).body("$", not(hasKey("prompt")));
        assertNotNull(next);
        given().auth().oauth2(account.idToken()).queryParam("limit", 2).queryParam("before", next).get("/api/v1/user/jobs")
                .then().statusCode(200)
                .body("jobs.id", contains(first))
                .body("next_before", nullValue());
        given().auth().oauth2(account.idToken()).queryParam("limit", 0).get("/api/v1/user/jobs")
                .then().statusCode(400).body("error_type", equalTo("validation"));
    }

    @Test
    void withoutATokenTheUserEndpointsAsk401AndGenerationStaysAnonymous() {
        given().get("/api/v1/auth/me").then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", containsString("Bearer"))
                .body("error_type", equalTo("unauthorized"));
        given().get("/api/v1/user/me").then().statusCode(401).body("error_type", equalTo("unauthorized"));
        given().get("/api/v1/user/jobs").then().statusCode(401).body("error_type", equalTo("unauthorized"));
        given().delete("/api/v1/user/me").then().statusCode(401).body("error_type", equalTo("unauthorized"));
        given().contentType(ContentType.JSON).body("{\"prompt\":\"anonymous\"}").post("/api/v1/generate/text-to-image")
                .then().statusCode(202).body("tier", equalTo("anonymous"));
    }

    @Test
    void malformedTokensAre401NeverAnonymous() {
        String token = emulator.signUp().idToken();
        for (String header : new String[] { "Bearer not-a-token", "Bearer a.b.c", "Bearer " + token.substring(0, token.indexOf('.')),
                "Basic dXNlcjpwYXNz", "Bearer", token }) {
            given().header("Authorization", header).contentType(ContentType.JSON).body("{\"prompt\":\"x\"}")
                    .post("/api/v1/generate/text-to-image")
                    .then().statusCode(401)
                    .contentType("application/problem+json")
                    .header("WWW-Authenticate", containsString("invalid_token"))
                    .body("error_type", equalTo("unauthorized"))
                    .body("status", equalTo(401));
        }
    }

    @Test
    void anExpiredTokenIs401() {
        String token = emulator.signUp().idToken();
        long now = Instant.now().getEpochSecond();
        String expired = AuthEmulator.withClaims(token, Map.of("iat", now - 7200, "auth_time", now - 7200, "exp", now - 3600));

        refused(expired).body("message", containsString("expired"));
    }

    @Test
    void aTokenOfAnotherProjectIs401() {
        String token = emulator.signUp().idToken();
        refused(AuthEmulator.withClaims(token, Map.of("aud", "demo-other")));
        refused(AuthEmulator.withClaims(token, Map.of("iss", "https://securetoken.google.com/demo-other")));
        refused(AuthEmulator.withClaims(token, Map.of("aud", "demo-other", "iss", "https://securetoken.google.com/demo-other")));
    }

    @Test
    void aTokenNamingAnotherUserIs401() {
        String token = emulator.signUp().idToken();
        refused(AuthEmulator.withClaims(token, Map.of("sub", "no-such-user", "user_id", "no-such-user")));
    }

    private static ValidatableResponse refused(String token) {
        return given().auth().oauth2(token).get("/api/v1/auth/me").then().statusCode(401)
                .contentType("application/problem+json")
                .body("error_type", equalTo("unauthorized"));
    }

    static ValidatableResponse generate(String token, String prompt) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("prompt", prompt))
                .post("/api/v1/generate/text-to-image").then();
    }
}
