package ai.aiart.reliability;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;

import com.mongodb.client.MongoDatabase;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * One row of the bad-input table: a request that must be refused in the problem format with the
 * given status and {@code error_type}, never a 5xx, and leave the store exactly as it was.
 */
public record BadInput(String group, String name, int status, String errorType, Supplier<Response> request) {

    public static final String SUITE = "bad-input";

    /** A fresh RestAssured request that logs itself when a check fails. */
    public static RequestSpecification send() {
        return given().urlEncodingEnabled(false).log().ifValidationFails();
    }

    public String expected() {
        return status + " " + errorType;
    }

    /** The table as dynamic tests, each one snapshotting the store around its request and recording its outcome. */
    public static Stream<DynamicTest> run(List<BadInput> table, Supplier<MongoDatabase> db) {
        return table.stream().map(c -> DynamicTest.dynamicTest(c.group() + ": " + c.name(),
                () -> ReliabilityLog.run(SUITE, c.group(), c.name(), c.expected(), 1, () -> c.check(db.get()))));
    }

    void check(MongoDatabase db) {
        StoreSnapshot before = StoreSnapshot.of(db);
        Response response = request.get();
        response.then().log().ifValidationFails()
                .statusCode(lessThan(500))
                .statusCode(status)
                .contentType(containsString("application/problem+json"))
                .body("success", equalTo(false))
                .body("status", equalTo(status))
                .body("error_type", equalTo(errorType))
                .body("type", equalTo("/problems/" + errorType))
                .body("$", not(hasKey("stack_trace")))
                .body("message", not(containsString("Exception")))
                .body("message", not(containsString("at ai.aiart")));
        Map<String, String> changes = before.changesTo(StoreSnapshot.of(db));
        assertEquals(Map.of(), changes, name + ": a refused request changes nothing");
    }
}
