package ai.aiart.auth;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import org.junit.jupiter.api.Test;

import ai.aiart.support.EmbeddedStoreResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** CORS as docs/IDENTITY.md has it: the configured frontends only, with the listed methods and headers; others get a problem answer. */
@QuarkusTest
@QuarkusTestResource(EmbeddedStoreResource.class)
class CorsTest {

    private static final String SITE = "http://localhost:8080";

    @Test
    void theSitesPreflightIsAllowedWithTheListedMethodsAndHeaders() {
        given().header("Origin", SITE)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type,authorization,idempotency-key")
                .options("/api/v1/generate/text-to-image")
                .then().statusCode(200)
                .header("Access-Control-Allow-Origin", SITE)
                .header("Access-Control-Allow-Credentials", "true")
                .header("Access-Control-Allow-Methods", "GET,POST,DELETE,OPTIONS")
                .header("Access-Control-Allow-Headers", "Content-Type,Authorization,Idempotency-Key,X-Requested-With");
        given().header("Origin", "http://127.0.0.1:8080").get("/api/v1/health").then().statusCode(200)
                .header("Access-Control-Allow-Origin", "http://127.0.0.1:8080")
                .header("Access-Control-Expose-Headers", containsString("RateLimit-Policy"));
    }

    @Test
    void otherOriginsAreRefusedInTheProblemFormat() {
        given().header("Origin", "https://evil.example")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization")
                .options("/api/v1/generate/text-to-image")
                .then().statusCode(403)
                .contentType("application/problem+json")
                .header("Access-Control-Allow-Origin", nullValue())
                .body("error_type", equalTo("forbidden"))
                .body("message", containsString("https://evil.example"));
        given().header("Origin", "http://localhost:8081.evil.example").get("/api/v1/health").then().statusCode(403)
                .contentType("application/problem+json")
                .header("Access-Control-Allow-Origin", nullValue());
    }

    @Test
    void requestsWithoutAnOriginAreNotCorsAtAll() {
        given().get("/api/v1/health").then().statusCode(200).header("Access-Control-Allow-Origin", nullValue());
    }

    @Test
    void methodsOutsideTheListAreNotOffered() {
        given().header("Origin", SITE).header("Access-Control-Request-Method", "PUT")
                .options("/api/v1/health")
                .then().statusCode(200)
                .header("Access-Control-Allow-Methods", not(containsString("PUT")));
    }
}
