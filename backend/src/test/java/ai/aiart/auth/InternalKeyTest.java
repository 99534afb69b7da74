package ai.aiart.auth;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import org.junit.jupiter.api.Test;

import ai.aiart.auth.internal.InternalKeyFilter;
import ai.aiart.support.EmbeddedStoreResource;
import ai.aiart.support.FirebaseEmulatorProfile;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** Backend-to-backend endpoints need the shared key: nothing else gets through, not even an admin's sign-in. */
@QuarkusTest
@TestProfile(FirebaseEmulatorProfile.class)
@QuarkusTestResource(EmbeddedStoreResource.class)
class InternalKeyTest {

    @Test
    void onlyTheSharedKeyOpensInternalEndpoints() {
        given().get("/api/v1/internal/ping").then().statusCode(401)
                .contentType("application/problem+json").body("error_type", equalTo("unauthorized"));
        given().header(InternalKeyFilter.HEADER, "wrong").get("/api/v1/internal/ping").then().statusCode(401);
        given().header(InternalKeyFilter.HEADER, FirebaseEmulatorProfile.INTERNAL_KEY + "x").get("/api/v1/internal/ping")
                .then().statusCode(401);
        given().header(InternalKeyFilter.HEADER, "").get("/api/v1/internal/ping").then().statusCode(401);
        given().header(InternalKeyFilter.HEADER, FirebaseEmulatorProfile.INTERNAL_KEY).get("/api/v1/internal/ping")
                .then().statusCode(200).body("instance", notNullValue()).body("time", notNullValue());
    }
}
