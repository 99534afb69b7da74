package ai.aiart.ratelimit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import ai.aiart.reliability.ReliabilityCase;
import ai.aiart.reliability.ReliabilityWatcher;
import ai.aiart.support.AuthEmulator;
import ai.aiart.support.EmbeddedStoreResource;
import ai.aiart.support.FirebaseEmulatorProfile;
import ai.aiart.support.InjectAuthEmulator;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/**
 * Allowances shared by an address or a network (docs/FAIR_USE.md, "Shared allowances"), with real
 * sign-ins through the Auth emulator: accounts whose e-mail is not verified share their address's
 * visitor allowance, verified ones the address's allowance for accounts, the /64s of one IPv6 /48
 * a coarse allowance, and an admin's block of an address holds for the accounts signed in from
 * it. A refusal by a shared allowance gives back the caller's own token.
 */
@QuarkusTest
@TestProfile(SharedAllowancesTest.SmallAllowances.class)
@QuarkusTestResource(EmbeddedStoreResource.class)
@ExtendWith(ReliabilityWatcher.class)
@ReliabilityCase(suite = "bad-input", group = "limits stepped around")
class SharedAllowancesTest {

    /** 3 a minute for a visitor, 5 for a member, 6 for an address's accounts, 5 for a /48; no grace. */
    public static class SmallAllowances extends FirebaseEmulatorProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> overrides = new HashMap<>(super.getConfigOverrides());
            overrides.put("aiart.rate-limit.anonymous", "3");
            overrides.put("aiart.rate-limit.registered", "5");
            overrides.put("aiart.rate-limit.per-address", "6");
            overrides.put("aiart.rate-limit.per-ipv6-range", "5");
            overrides.put("aiart.rate-limit.grace", "0");
            overrides.put("aiart.trusted-proxies", "1");
            return overrides;
        }
    }

    @InjectAuthEmulator
    AuthEmulator emulator;

    @Test
    @ReliabilityCase(name = "two accounts with unverified e-mails from one address", count = 4,
            expected = "they share the address's visitor allowance (3 a minute): the 4th is 429, and so is a visitor there")
    void unverifiedAccountsShareTheirAddresssVisitorAllowance() {
        String ip = "198.51.100.10";
        String a = emulator.signUp().idToken();
        String b = emulator.signUp().idToken();
        create(ip, a).statusCode(202).body("tier", equalTo("anonymous"));
        create(ip, a).statusCode(202);
        create(ip, b).statusCode(202);
        create(ip, b).statusCode(429).body("error_type", equalTo("rate_limited"))
                .body("message", containsString("Your internet connection has made its 3 creations for this minute"));
        create(ip, null).statusCode(429); // the visitor there has had its three
    }

    @Test
    @ReliabilityCase(name = "two verified accounts from one address", count = 7,
            expected = "they share the address's allowance for accounts (6 a minute): the 7th is 429; the refused one keeps its own token")
    void verifiedAccountsShareTheirAddresssAllowanceForAccounts() {
        String ip = "198.51.100.20";
        String a = emulator.verifyEmail(emulator.signUp()).idToken();
        String b = emulator.verifyEmail(emulator.signUp()).idToken();
        for (int i = 0; i < 5; i++) {
            create(ip, a).statusCode(202).body("tier", equalTo("registered"));
        }
        create(ip, b).statusCode(202);
        int before = tokensLeft(ip, b);
        create(ip, b).statusCode(429)
                .body("message", containsString("Your internet connection has made its 6 creations for this minute, shared by everyone on it."));
        assertEquals(before, tokensLeft(ip, b), "the refusal gave back the account's own token");
        create("198.51.100.21", b).statusCode(202); // from another address it has its own to spend
    }

    @Test
    @ReliabilityCase(name = "visitors from six /64s of one IPv6 /48", count = 7,
            expected = "the /48 shares 5 a minute: the 6th is 429; a /64 of another /48 is served")
    void theSlash64sOfOneSlash48ShareACoarseAllowance() {
        for (int i = 1; i <= 5; i++) {
            create("2001:db8:77:" + i + "::1", null).statusCode(202);
        }
        create("2001:db8:77:6::1", null).statusCode(429)
                .body("message", containsString("Your network has made its 5 creations for this minute"));
        create("2001:db8:78:1::1", null).statusCode(202);
    }

    @Test
    @ReliabilityCase(name = "a verified account from an address an admin blocked",
            expected = "429 blocked, as the address's visitors are")
    void anAdminsBlockOfAnAddressHoldsForAccountsSignedInFromIt() {
        String ip = "198.51.100.30";
        String admin = emulator.setClaims(emulator.signUp(), Map.of("admin", true)).idToken();
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("ip", ip, "minutes", 5, "reason", "test"))
                .post("/api/v1/admin/blocks").then().statusCode(201);
        String member = emulator.verifyEmail(emulator.signUp()).idToken();
        create(ip, member).statusCode(429).body("error_type", equalTo("blocked"));
        create("198.51.100.31", member).statusCode(202);
    }

    private static ValidatableResponse create(String ip, String token) {
        var request = given().header("X-Forwarded-For", ip).contentType(ContentType.JSON)
                .body("{\"prompt\":\"a lighthouse at dusk\"}");
        if (token != null) {
            request = request.auth().oauth2(token);
        }
        return request.post("/api/v1/generate/text-to-image").then();
    }

    private static int tokensLeft(String ip, String token) {
        return given().header("X-Forwarded-For", ip).auth().oauth2(token).get("/api/v1/limits").then().statusCode(200)
                .extract().path("tokens_left");
    }
}
