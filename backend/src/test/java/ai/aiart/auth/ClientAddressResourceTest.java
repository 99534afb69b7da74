package ai.aiart.auth;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import ai.aiart.store.StoreCommands;
import ai.aiart.support.EmbeddedStoreResource;
import ai.aiart.support.QuietQueueProfile;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * {@code GET /api/v1/client-address} tells the caller the address the backend takes it for and
 * where it was found, as allowances decide it; it costs no store command. The
 * profile trusts {@code Fly-Client-IP} and no proxy hop, and keeps background store commands away.
 */
@QuarkusTest
@TestProfile(QuietQueueProfile.class)
@QuarkusTestResource(EmbeddedStoreResource.class)
class ClientAddressResourceTest {

    private static final String PATH = "/api/v1/client-address";

    @Inject
    StoreCommands commands;

    @Test
    void theConfiguredHeaderGivesTheAddressAndNamesItself() {
        String body = given().header(QuietQueueProfile.CLIENT_IP_HEADER, "203.0.113.7").get(PATH).then().statusCode(200)
                .contentType("application/json")
                .header("Cache-Control", "no-store")
                .extract().asString();
        assertEquals("{\"address\":\"203.0.113.7\",\"source\":\"header Fly-Client-IP\"}", body);
        given().header("fly-client-ip", "2001:db8::7").get(PATH).then().statusCode(200)
                .body("address", equalTo("2001:db8::7")).body("source", equalTo("header Fly-Client-IP"));
    }

    @Test
    void withoutAnAddressInTheHeaderThePeerDecidesNotWhatTheClientWrote() {
        given().header("X-Forwarded-For", "6.6.6.6").header("X-Real-IP", "6.6.6.6").get(PATH).then().statusCode(200)
                .body("address", equalTo("127.0.0.1")).body("source", equalTo("peer"));
        given().header(QuietQueueProfile.CLIENT_IP_HEADER, "6.6.6.6, 203.0.113.7").get(PATH).then().statusCode(200)
                .body("address", equalTo("127.0.0.1")).body("source", equalTo("peer"));
        given().header(QuietQueueProfile.CLIENT_IP_HEADER, "evil.example").get(PATH).then().statusCode(200)
                .body("source", equalTo("peer"));
    }

    @Test
    void itSendsNoStoreCommand() {
        long before = commands.total();
        int requests = 50;
        for (int i = 0; i < requests; i++) {
            given().header(QuietQueueProfile.CLIENT_IP_HEADER, "198.51.100." + i).get(PATH).then().statusCode(200);
            given().get(PATH).then().statusCode(200);
        }
        long sent = commands.total() - before;
        assertTrue(sent < requests, 2 * requests + " answers cost " + sent + " store commands: only the background's, none of theirs");
    }

    @Test
    void itIsInTheOpenApiDocument() {
        Map<String, Object> operation = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .extract().jsonPath().getMap("paths.'" + PATH + "'.get");
        assertTrue(operation != null && operation.containsKey("responses"), "GET " + PATH + " in /q/openapi: " + operation);
    }
}
