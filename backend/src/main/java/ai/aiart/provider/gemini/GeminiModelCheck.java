package ai.aiart.provider.gemini;

import java.util.EnumMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import ai.aiart.core.JobKind;
import ai.aiart.provider.ProvidersConfig;
import ai.aiart.provider.canary.ModelCheck;
import ai.aiart.provider.upstream.RestClients;

/**
 * The Gemini API's model check: {@code GET /v1beta/models/{model}} (models.get), free and
 * generating nothing. A model Google does not know is answered 404 with
 * {@code {"error":{"code":404,"status":"NOT_FOUND",…}}}; only that counts as missing, so a
 * plain 404 from a proxy or a wrong base URL does not mark a provider misconfigured.
 */
@ApplicationScoped
public class GeminiModelCheck implements ModelCheck {

    private final ProvidersConfig.Gemini config;
    private final GeminiProvider upstream;
    private final GeminiClient client;
    private final ObjectMapper json;

    public GeminiModelCheck(ProvidersConfig config, GeminiProvider upstream, ObjectMapper json) {
        this.upstream = upstream;
        this.config = config.gemini();
        this.json = json;
        // a model's description is a few hundred bytes: no need to wait as long as for a picture
        this.client = RestClients.build(GeminiClient.class, this.config.baseUrl(), this.config.connectTimeout(),
                this.config.connectTimeout().multipliedBy(2));
    }

    @Override
    public GeminiProvider upstream() {
        return upstream;
    }

    @Override
    public Map<JobKind, String> models() {
        return new EnumMap<>(Map.of(JobKind.TEXT_TO_IMAGE, config.imageModel(), JobKind.IMAGE_TO_IMAGE, config.editModel(),
                JobKind.TEXT_TO_VIDEO, config.videoModel(), JobKind.IMAGE_TO_VIDEO, config.videoModel()));
    }

    @Override
    public Result check(String model) {
        try {
            client.model(config.apiKey().orElse(""), model);
            return new Result(Outcome.EXISTS, "listed");
        } catch (WebApplicationException e) {
            int status = e.getResponse().getStatus();
            String googleStatus = googleStatus(e);
            if (status == 404 && "NOT_FOUND".equals(googleStatus)) {
                return new Result(Outcome.MISSING, "404 NOT_FOUND");
            }
            return new Result(Outcome.UNKNOWN, "HTTP " + status + (googleStatus == null ? "" : " " + googleStatus));
        } catch (ProcessingException e) {
            return new Result(Outcome.UNKNOWN, "no answer: " + e.getMessage());
        } catch (RuntimeException e) {
            return new Result(Outcome.UNKNOWN, "unexpected answer: " + e);
        }
    }

    /** {@code error.status} of Google's error body, or null when the body is not one. */
    private String googleStatus(WebApplicationException e) {
        try {
            JsonNode status = json.readTree(e.getResponse().readEntity(String.class)).path("error").path("status");
            return status.isTextual() ? status.asText() : null;
        } catch (Exception notJson) {
            return null;
        }
    }
}
