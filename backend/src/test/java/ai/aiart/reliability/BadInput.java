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
 * given status and {@code error_type}, never a 5xx, and leave the store exactly as it was — but
 * for a picture refused after its sender was admitted ({@code spendsToken}), which spends the
 * sender's token as a good one would (docs/RELIABILITY.md, "Uploads"): then the rate-limit
 * buckets may change, and nothing else.
 */
public record BadInput(String group, String name, int status, String errorType, Supplier<Response> request,
        boolean spendsToken) {

    public static final String SUITE = "bad-input";

    public BadInput(String group, String name, int status, String errorType, Supplier<Response> request) {
        this(group, name, status, errorType, request, false);
    }

    /** A fresh RestAssured request that logs itself when a check fails. */
    public static RequestSpecification send() {
        return given().urlEncodingEnabled(false).log().ifValidationFails();
    }

    public String expected() {
        return status + " " + errorType + (spendsToken ? ", its token spent" : "");
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
        Map<String, String> changes = new java.util.HashMap<>(before.changesTo(StoreSnapshot.of(db)));
        if (spendsToken) {
            changes.remove("rate_limits");
        }
        assertEquals(Map.of(), changes, name + ": a refused request changes nothing"
                + (spendsToken ? " but its sender's bucket" : ""));
    }
}
