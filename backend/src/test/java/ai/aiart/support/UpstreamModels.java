package ai.aiart.support;

import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The model ids (and Stability endpoints) each upstream knows, as docs/PROVIDERS.md records them
 * ("Model ids, read on 6 December 2026"), and the answer each service gives to one it does not
 * know. Used by {@link WireMockUpstreams} (for any request no stub matched) and by the
 * {@code make run-stubs} stand-ins ({@code provider/local/StubUpstreams}), so that a retired id
 * fails as it would upstream instead of quietly working.
 */
public final class UpstreamModels {

    /** Gemini image models on {@code :generateContent}. No Veo id: the preview one is reported retired. */
    public static final Set<String> GEMINI = Set.of("gemini-nano-banana-2.1", "gemini-3.1-flash-image",
            "gemini-3.1-flash-lite-image", "gemini-3-pro-image");

    /** DashScope (international) picture and video models. */
    public static final Set<String> DASHSCOPE = Set.of("qwen-image", "qwen-image-plus", "qwen-image-max", "qwen-image-2.0",
            "qwen-image-2.0-pro", "qwen-image-2.1-pro", "qwen-image-3.0", "qwen-image-3.0-pro", "wan2.6-t2i",
            "wan2.5-t2i-preview", "wan2.2-t2i-flash", "wan2.2-t2i-plus", "wan2.6-t2v", "wan2.2-t2v-plus", "wan2.2-t2v-flash",
            "wan2.6-i2v", "wan2.6-i2v-flash", "wan2.2-i2v-plus", "wan2.2-i2v-flash");

    /** Stability's {@code /v2beta/stable-image/generate/} endpoints: its models are path segments. */
    public static final Set<String> STABILITY_ENDPOINTS = Set.of("core", "sd3", "ultra");

    private static final Pattern GEMINI_CALL = Pattern.compile("/v1beta/models/([^/:]+):(generateContent|predictLongRunning|predict)");
    private static final String DASHSCOPE_CALL = "/api/v1/services/aigc/";
    private static final String STABILITY_CALL = "/v2beta/stable-image/generate/";
    private static final ObjectMapper JSON = new ObjectMapper();

    private UpstreamModels() {
    }

    /** An error answer: HTTP status and JSON body. */
    public record Answer(int status, String body) {
    }

    /**
     * The service's answer when the request names a model (or endpoint) it does not know;
     * empty for any other request, including those that are not model calls at all.
     */
    public static Optional<Answer> unknownModel(String method, String path, String body) {
        if (!"POST".equalsIgnoreCase(method) || path == null) {
            return Optional.empty();
        }
        Matcher gemini = GEMINI_CALL.matcher(path);
        if (gemini.matches()) {
            String model = gemini.group(1);
            return GEMINI.contains(model) ? Optional.empty() : Optional.of(new Answer(404, "{\"error\":{\"code\":404,"
                    + "\"message\":\"models/" + model + " is not found for API version v1beta, or is not supported for "
                    + gemini.group(2) + ". Call ListModels to see the list of available models and their supported methods.\","
                    + "\"status\":\"NOT_FOUND\"}}"));
        }
        if (path.startsWith(DASHSCOPE_CALL)) {
            String model = dashscopeModel(body);
            // DashScope's exact status and code for an unknown model on its native API are not
            // documented in what we could read (docs/PROVIDERS.md); 404 ModelNotFound is our best reading
            return model == null || DASHSCOPE.contains(model) ? Optional.empty()
                    : Optional.of(new Answer(404, "{\"request_id\":\"" + UUID.randomUUID() + "\",\"code\":\"ModelNotFound\","
                            + "\"message\":\"Model not found (" + model + ")!\"}"));
        }
        if (path.startsWith(STABILITY_CALL)) {
            // an unknown path is a 404; the body keeps Stability's {id, name, errors} shape, its name is our guess
            String endpoint = path.substring(STABILITY_CALL.length());
            return STABILITY_ENDPOINTS.contains(endpoint) ? Optional.empty()
                    : Optional.of(new Answer(404, "{\"id\":\"" + UUID.randomUUID().toString().replace("-", "") + "\","
                            + "\"name\":\"not_found\",\"errors\":[\"The requested resource was not found.\"]}"));
        }
        return Optional.empty();
    }

    private static String dashscopeModel(String body) {
        try {
            JsonNode model = JSON.readTree(body == null ? "" : body).path("model");
            return model.isTextual() ? model.asText() : null;
        } catch (Exception e) {
            return null;
        }
    }
}
