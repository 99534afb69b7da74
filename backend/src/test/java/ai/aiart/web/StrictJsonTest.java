package ai.aiart.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import ai.aiart.admin.AdminBlocksResource.BlockRequest;
import ai.aiart.admin.AdminUsersResource.OverridesChange;
import ai.aiart.admin.AdminUsersResource.TierChange;

/**
 * The REST server's strict mapper on the admin bodies (their endpoints need an admin sign-in, so
 * the HTTP rows for the public bodies live in reliability/TypeConfusionSuiteTest), and that the
 * mapper it is copied from is left lenient.
 */
class StrictJsonTest {

    private final ObjectMapper lenient = new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
    private final ObjectMapper strict = StrictJson.strict(lenient);

    @Test
    void adminBodiesRefuseValuesOfTheWrongType() {
        refused("{\"tier\":1}", TierChange.class, "tier");
        refused("{\"tier\":true}", TierChange.class, "tier");
        refused("{\"tier\":[\"donor\"]}", TierChange.class, "tier");
        refused("{\"per_minute\":\"20\"}", OverridesChange.class, "per_minute");
        refused("{\"per_minute\":20.5}", OverridesChange.class, "per_minute");
        refused("{\"per_minute\":false}", OverridesChange.class, "per_minute");
        refused("{\"ip\":203,\"minutes\":60}", BlockRequest.class, "ip");
        refused("{\"ip\":\"203.0.113.9\",\"minutes\":\"60\"}", BlockRequest.class, "minutes");
        refused("{\"identity\":\"user:x\",\"reason\":{\"why\":\"spam\"}}", BlockRequest.class, "reason");
    }

    @Test
    void rightlyTypedBodiesStillRead() throws Exception {
        assertEquals(20, strict.readValue("{\"per_minute\":20}", OverridesChange.class).perMinute());
        assertEquals(null, strict.readValue("{\"per_minute\":null}", OverridesChange.class).perMinute());
        assertEquals(60L, strict.readValue("{\"ip\":\"203.0.113.9\",\"minutes\":60}", BlockRequest.class).minutes());
    }

    @Test
    void theMapperItIsCopiedFromStaysLenient() throws Exception {
        assertEquals("1", lenient.readValue("{\"tier\":1}", TierChange.class).tier());
        assertEquals(20, lenient.readValue("{\"per_minute\":\"20\"}", OverridesChange.class).perMinute());
    }

    private void refused(String body, Class<?> type, String field) {
        MismatchedInputException e = assertThrows(MismatchedInputException.class, () -> strict.readValue(body, type), body);
        assertEquals(field, e.getPath().get(e.getPath().size() - 1).getFieldName(), body);
    }
}
