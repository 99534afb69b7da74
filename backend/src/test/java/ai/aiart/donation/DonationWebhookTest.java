package ai.aiart.donation;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import ai.aiart.privacy.PersonalData;
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

/** Ko-fi's webhook, in Ko-fi's own format: a donation upgrades the donor once, and only with the right token. */
@QuarkusTest
@TestProfile(FirebaseEmulatorProfile.class)
@QuarkusTestResource(EmbeddedStoreResource.class)
class DonationWebhookTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @InjectAuthEmulator
    AuthEmulator emulator;
    @Inject
    DonationRepository donations;
    @Inject
    PersonalData personalData;

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    @Test
    void aDonationUpgradesItsDonorOnceAndAReplayChangesNothing() {
        AuthEmulator.Account user = emulator.verifyEmail(emulator.signUp());
        tier(user).body("tier", equalTo("registered"));
        String transaction = UUID.randomUUID().toString();

        webhook(kofi(FirebaseEmulatorProfile.KOFI_TOKEN, user.email().toUpperCase(), transaction)).statusCode(200)
                .body("status", equalTo("applied")).body("upgraded_users", equalTo(1));
        tier(user).body("tier", equalTo("donor"));
        given().auth().oauth2(user.idToken()).contentType(ContentType.JSON).body(Map.of("prompt", "thanks"))
                .post("/api/v1/generate/text-to-image").then().statusCode(202)
                .header("RateLimit-Policy", "\"donor\";q=10;w=60").body("tier", equalTo("donor"));

        // an admin takes the tier back; Ko-fi retries the same notification: nothing changes
        String admin = emulator.setClaims(emulator.signUp(), Map.of("admin", true)).idToken();
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("tier", "registered"))
                .put("/api/v1/admin/users/" + user.uid() + "/tier").then().statusCode(200);
        webhook(kofi(FirebaseEmulatorProfile.KOFI_TOKEN, user.email(), transaction)).statusCode(200)
                .body("status", equalTo("duplicate"));
        tier(user).body("tier", equalTo("registered"));
    }

    @Test
    void aWrongTokenIsRefusedAndLeavesNoTrace() {
        AuthEmulator.Account user = emulator.verifyEmail(emulator.signUp());
        tier(user).body("tier", equalTo("registered"));
        String transaction = UUID.randomUUID().toString();

        webhook(kofi("not-the-token", user.email(), transaction)).statusCode(401)
                .contentType("application/problem+json").body("error_type", equalTo("unauthorized"));
        webhook(kofi(null, user.email(), transaction)).statusCode(401);
        assertFalse(donations.findByIdOptional(transaction).isPresent(), "a refused notification is not recorded");
        tier(user).body("tier", equalTo("registered"));

        webhook(kofi(FirebaseEmulatorProfile.KOFI_TOKEN, user.email(), transaction)).statusCode(200)
                .body("status", equalTo("applied"));
    }

    @Test
    void aDonationBeforeSignUpWaitsForTheDonorsFirstVerifiedSignIn() {
        String email = "early-" + UUID.randomUUID() + "@aiart.test";
        webhook(kofi(FirebaseEmulatorProfile.KOFI_TOKEN, email, UUID.randomUUID().toString())).statusCode(200)
                .body("status", equalTo("pending"));

        AuthEmulator.Account unverified = emulator.signUp(email);
        tier(unverified).body("tier", equalTo("registered"));   // an unverified e-mail proves nothing
        AuthEmulator.Account verified = emulator.verifyEmail(unverified);
        tier(verified).body("tier", equalTo("donor"));
        given().auth().oauth2(verified.idToken()).get("/api/v1/auth/me").then().statusCode(200).body("tier", equalTo("donor"));
        assertTrue(donations.find("email_hash", personalData.emailHash(email)).firstResult().applied);
    }

    @Test
    void malformedNotificationsAre400() {
        webhook(null).statusCode(400).body("error_type", equalTo("validation"));
        webhook("{not json").statusCode(400).body("error_type", equalTo("validation"));
        webhook(kofi(FirebaseEmulatorProfile.KOFI_TOKEN, "x@aiart.test", null)).statusCode(400);
        given().contentType(ContentType.JSON).body("{}").post("/api/v1/donations/webhook").then().statusCode(415);
    }

    private static ValidatableResponse tier(AuthEmulator.Account user) {
        return given().auth().oauth2(user.idToken()).get("/api/v1/user/me").then().statusCode(200);
    }

    private static ValidatableResponse webhook(String data) {
        var request = given().contentType(ContentType.URLENC);
        if (data != null) {
            request.formParam("data", data);
        }
        return request.post("/api/v1/donations/webhook").then();
    }

    /** A notification as Ko-fi sends it. */
    static String kofi(String token, String email, String transaction) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("verification_token", token);
        data.put("message_id", UUID.randomUUID().toString());
        data.put("timestamp", "2026-11-26T10:00:00Z");
        data.put("type", "Donation");
        data.put("is_public", true);
        data.put("from_name", "Jo Example");
        data.put("message", "Good luck with the site!");
        data.put("amount", "3.00");
        data.put("url", "https://ko-fi.com/Home/CoffeeShop?txid=0a1b2c3d");
        data.put("email", email);
        data.put("currency", "USD");
        data.put("is_subscription_payment", false);
        data.put("is_first_subscription_payment", false);
        data.put("kofi_transaction_id", transaction);
        data.put("shop_items", null);
        data.put("tier_name", null);
        data.put("shipping", null);
        try {
            return JSON.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
