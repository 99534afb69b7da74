package ai.aiart.auth;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import ai.aiart.support.AuthEmulator;
import ai.aiart.support.EmbeddedStoreResource;
import ai.aiart.support.FirebaseEmulatorProfile;
import ai.aiart.support.InjectAuthEmulator;
import ai.aiart.support.TestClock;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * Issue #16, item 10: a revoked sign-in, a disabled account and a deleted account are refused with
 * 401 although their tokens are well-formed and unexpired — checked against the real Auth emulator,
 * which stands for Google's account API as a service account would reach it. The outcome is
 * remembered per token for {@code aiart.auth.revocation-check-every} (5 minutes), on the application's
 * clock, which the test moves.
 */
@QuarkusTest
@TestProfile(FirebaseEmulatorProfile.class)
@QuarkusTestResource(EmbeddedStoreResource.class)
class RevocationTest {

    @InjectAuthEmulator
    AuthEmulator emulator;
    @Inject
    TestClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void aDisabledAccountIs401OnceTheRememberedCheckRunsOut() {
        clock.freeze();
        AuthEmulator.Account account = emulator.signUp();
        me(account.idToken()).statusCode(200).body("uid", equalTo(account.uid()));

        emulator.disable(account);
        // a page's burst of calls is answered from the remembered check: no round trip each
        me(account.idToken()).statusCode(200);
        clock.advance(Duration.ofMinutes(4));
        me(account.idToken()).statusCode(200);
        clock.advance(Duration.ofSeconds(61));
        refused(account.idToken(), "signed out or disabled");
        // the refusal is remembered too, and holds on every endpoint that reads the token
        refused(account.idToken(), "signed out or disabled");
        given().auth().oauth2(account.idToken()).get("/api/v1/limits").then().statusCode(401);
    }

    @Test
    void aTokenOfADisabledAccountIsRefusedAtItsFirstUse() {
        AuthEmulator.Account account = emulator.signUp();
        emulator.disable(account);
        refused(account.idToken(), "signed out or disabled");
        given().auth().oauth2(account.idToken()).contentType("application/json").body("{\"prompt\":\"a cat\"}")
                .post("/api/v1/generate/text-to-image").then().statusCode(401).body("error_type", equalTo("unauthorized"));
    }

    @Test
    void aRevokedSignInIs401AndANewSignInWorks() throws Exception {
        AuthEmulator.Account account = emulator.signUp();
        Thread.sleep(1100); // revocation compares whole seconds: the sign-in must be strictly older
        emulator.revokeSignIns(account);
        refused(account.idToken(), "signed out or disabled");
        Thread.sleep(1100);
        AuthEmulator.Account again = emulator.signIn(account);
        me(again.idToken()).statusCode(200).body("uid", equalTo(account.uid()));
    }

    @Test
    void aDeletedAccountIs401() {
        AuthEmulator.Account account = emulator.signUp();
        emulator.delete(account);
        refused(account.idToken(), "no longer exists");
    }

    @Test
    void aLiveAccountIsUnaffected() {
        AuthEmulator.Account account = emulator.signUp();
        for (String path : List.of("/api/v1/auth/me", "/api/v1/user/me", "/api/v1/limits")) {
            given().auth().oauth2(account.idToken()).get(path).then().statusCode(200);
        }
    }

    private static io.restassured.response.ValidatableResponse me(String token) {
        return given().auth().oauth2(token).get("/api/v1/auth/me").then();
    }

    private static void refused(String token, String why) {
        me(token).statusCode(401)
                .contentType(containsString("application/problem+json"))
                .body("error_type", equalTo("unauthorized"))
                .body("message", containsString(why));
    }
}
