package ai.aiart.auth;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.lessThan;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import ai.aiart.support.EmbeddedStoreResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * The backend as in production (no emulator, same project id as the emulator's tokens) refuses
 * emulator-issued tokens: they are unsigned. It answers at once, without fetching Google's keys
 * (these tests run offline). Internal endpoints and the donation webhook are off without their secrets.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedStoreResource.class)
class VerifiedModeTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void anEmulatorIssuedTokenIsRefused() throws Exception {
        String token = emulatorStyleToken("demo-aiart");
        for (String path : new String[] { "/api/v1/auth/me", "/api/v1/user/me", "/api/v1/limits" }) {
            given().auth().oauth2(token).get(path).then().statusCode(401)
                    .time(lessThan(2000L))
                    .contentType("application/problem+json")
                    .body("error_type", equalTo("unauthorized"))
                    .body("message", equalTo("The sign-in token is not signed. Please sign in again."));
        }
        given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"prompt\":\"x\"}")
                .post("/api/v1/generate/text-to-image").then().statusCode(401).body("error_type", equalTo("unauthorized"));
        given().auth().oauth2(token).get("/api/v1/admin/users").then().statusCode(401);
    }

    @Test
    void tokensClaimingASignatureWithoutAKeyIdAreRefusedBeforeAnyKeyFetch() throws Exception {
        String payload = emulatorStyleToken("demo-aiart").split("\\.")[1];
        for (Map<String, Object> header : new Map[] { Map.of("alg", "RS256", "typ", "JWT"),
                Map.of("alg", "HS256", "kid", "k1", "typ", "JWT"), Map.of("alg", "none", "kid", "k1") }) {
            String token = encode(header) + "." + payload + ".c2lnbmF0dXJl";
            given().auth().oauth2(token).get("/api/v1/auth/me").then().statusCode(401).time(lessThan(2000L))
                    .body("error_type", equalTo("unauthorized"));
        }
    }

    @Test
    void withoutTheirSecretsInternalEndpointsAndTheWebhookAreOff() {
        given().header("X-Internal-Key", "anything").get("/api/v1/internal/ping").then().statusCode(403)
                .contentType("application/problem+json").body("error_type", equalTo("forbidden"));
        given().contentType(ContentType.URLENC).formParam("data", "{\"verification_token\":\"x\",\"kofi_transaction_id\":\"t\"}")
                .post("/api/v1/donations/webhook").then().statusCode(403).body("error_type", equalTo("forbidden"));
    }

    /** A token exactly as the Auth emulator issues them: {@code alg: none}, empty signature. */
    static String emulatorStyleToken(String project) throws Exception {
        long now = Instant.now().getEpochSecond();
        Map<String, Object> claims = Map.of("email", "someone@aiart.test", "email_verified", false, "auth_time", now,
                "user_id", "u1", "firebase", Map.of("identities", Map.of("email", new String[] { "someone@aiart.test" }),
                        "sign_in_provider", "password"),
                "iat", now, "exp", now + 3600, "aud", project, "iss", "https://securetoken.google.com/" + project, "sub", "u1");
        return encode(Map.of("alg", "none", "typ", "JWT")) + "." + encode(claims) + ".";
    }

    private static String encode(Object json) throws Exception {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(JSON.writeValueAsString(json).getBytes(StandardCharsets.UTF_8));
    }
}
