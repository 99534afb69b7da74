package ai.aiart.provider.gemini;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.Encoded;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import ai.aiart.provider.gemini.GeminiPayloads.GenerateContentRequest;
import ai.aiart.provider.gemini.GeminiPayloads.GenerateContentResponse;
import ai.aiart.provider.gemini.GeminiPayloads.Operation;
import ai.aiart.provider.gemini.GeminiPayloads.VideoRequest;

/**
 * The Gemini API (v1beta), authenticated by {@code x-goog-api-key}: pictures from a Gemini image
 * model (made and edited alike), and Veo videos as long-running operations. Error statuses surface as
 * {@code WebApplicationException}.
 */
@RegisterRestClient(configKey = "gemini")
@Path("/v1beta")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
interface GeminiClient {

    @POST
    @Path("/models/{model}:generateContent")
    GenerateContentResponse generateContent(@HeaderParam("x-goog-api-key") String apiKey, @PathParam("model") String model,
            GenerateContentRequest request);

    @POST
    @Path("/models/{model}:predictLongRunning")
    Operation predictLongRunning(@HeaderParam("x-goog-api-key") String apiKey, @PathParam("model") String model,
            VideoRequest request);

    /**
     * models.get: the model's description, or 404 {@code NOT_FOUND} when Google has no such model
     * (the model canary, docs/PROVIDERS.md). Free; generates nothing.
     */
    @GET
    @Path("/models/{model}")
    String model(@HeaderParam("x-goog-api-key") String apiKey, @PathParam("model") String model);

    /** @param name the operation's name as returned, e.g. {@code models/veo-3.1-generate-preview/operations/abc} */
    @GET
    @Path("/{name}")
    Operation operation(@HeaderParam("x-goog-api-key") String apiKey, @Encoded @PathParam("name") String name);
}
