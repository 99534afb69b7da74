package ai.aiart.reliability;

import static ai.aiart.reliability.BadInputSuiteTest.T2I;
import static ai.aiart.reliability.BadInputSuiteTest.T2V;
import static ai.aiart.reliability.BadInputSuiteTest.bad;
import static ai.aiart.reliability.BadInputSuiteTest.postJson;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;

import ai.aiart.generation.TextToImageRequest;
import ai.aiart.support.EmbeddedStoreResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Issue #16, item 14: a JSON value of the wrong type in a public request body ({@code "prompt": 12},
 * {@code "seed": "42"}) is a 400 {@code validation} problem naming the field, never coerced and
 * queued. Rows go into the bad-input table (docs/RELIABILITY.md). The application's own mapper, which
 * the upstream clients use, stays lenient.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedStoreResource.class)
class TypeConfusionSuiteTest {

    static final String BEACON = "/api/v1/analytics/events";

    @Inject
    MongoClient mongo;

    @Inject
    ObjectMapper json;

    /** Endpoint, a valid body to alter, and for each field the wrong-typed values to try. */
    private record Field(String path, String body, String field, List<String> wrong) {
        String altered(String value) {
            String base = body.substring(0, body.length() - 1);
            return base + (base.endsWith("{") ? "" : ",") + "\"" + field + "\":" + value + "}";
        }
    }

    private static final List<String> NOT_TEXT = List.of("12", "1.5", "true", "{\"text\":\"a cat\"}", "[\"a cat\"]");
    private static final List<String> NOT_WHOLE = List.of("\"42\"", "\"\"", "42.5", "true", "{\"value\":42}", "[42]");

    private static List<Field> fields() {
        String t2i = "{\"aspect_ratio\":\"1:1\"}";
        String t2iPrompt = "{\"prompt\":\"a cat\"}";
        String t2vPrompt = "{\"prompt\":\"waves\"}";
        String beacon = "{\"type\":\"page_view\"}";
        return List.of(
                new Field(T2I, t2i, "prompt", NOT_TEXT),
                new Field(T2I, t2iPrompt, "negative_prompt", NOT_TEXT),
                new Field(T2I, t2iPrompt, "aspect_ratio", NOT_TEXT),
                new Field(T2I, t2iPrompt, "style", NOT_TEXT),
                new Field(T2I, t2iPrompt, "seed", NOT_WHOLE),
                new Field(T2V, "{\"aspect_ratio\":\"16:9\"}", "prompt", NOT_TEXT),
                new Field(T2V, t2vPrompt, "negative_prompt", NOT_TEXT),
                new Field(T2V, t2vPrompt, "aspect_ratio", NOT_TEXT),
                new Field(T2V, t2vPrompt, "style", NOT_TEXT),
                new Field(T2V, t2vPrompt, "duration_seconds", NOT_WHOLE),
                new Field(T2V, t2vPrompt, "seed", NOT_WHOLE),
                new Field(BEACON, "{\"page\":\"/\"}", "type", NOT_TEXT),
                new Field(BEACON, beacon, "page", NOT_TEXT),
                new Field(BEACON, "{\"type\":\"click\",\"page\":\"/\"}", "target", NOT_TEXT));
    }

    @TestFactory
    Stream<DynamicTest> everyWrongTypedValueIsRefusedAndChangesNothing() {
        List<BadInput> table = new ArrayList<>();
        for (Field f : fields()) {
            String group = "JSON values of the wrong type (" + f.path() + ")";
            for (String value : f.wrong()) {
                table.add(bad(group, f.field() + " = " + value, 400, "validation", () -> postJson(f.path(), f.altered(value))));
            }
        }
        return BadInput.run(table, () -> mongo.getDatabase("aiart"));
    }

    @Test
    void theProblemNamesTheFieldAndWhatItMustBe() {
        for (Field f : fields()) {
            for (String value : f.wrong()) {
                postJson(f.path(), f.altered(value)).then().statusCode(400)
                        .body("error_type", equalTo("validation"))
                        .body("errors[0].field", equalTo(f.field()))
                        .body("message", containsString("'" + f.field() + "'"));
            }
        }
        postJson(T2I, "{\"prompt\":12}").then().statusCode(400)
                .body("message", equalTo("The field 'prompt' has the wrong type: it must be a string."));
        postJson(T2I, "{\"prompt\":\"a cat\",\"seed\":\"42\"}").then().statusCode(400)
                .body("message", equalTo("The field 'seed' has the wrong type: it must be a whole number."));
    }

    @Test
    void theApplicationMapperOfTheUpstreamClientsStaysLenient() throws Exception {
        TextToImageRequest read = json.readValue("{\"prompt\":12,\"seed\":\"42\"}", TextToImageRequest.class);
        assertEquals("12", read.prompt());
        assertEquals(42L, read.seed());
        assertEquals(Map.of("n", 1), json.readValue("{\"n\":1}", Map.class));
    }
}
