package ai.aiart.provider.stability;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.jboss.resteasy.reactive.client.api.ClientMultipartForm;

/**
 * Stability AI's Stable Image API (v2beta). One multipart POST makes one picture; the answer
 * is the picture's bytes with {@code finish-reason} and {@code seed} headers, or a JSON error
 * {@code {id, name, errors[]}}. Error statuses surface as {@code WebApplicationException}.
 */
@RegisterRestClient(configKey = "stability")
@Path("/v2beta/stable-image/generate")
interface StabilityClient {

    /**
     * @param endpoint core, sd3 or ultra
     * @param form     prompt, negative_prompt, aspect_ratio, seed, output_format (+ mode, image,
     *                 strength, model for image-to-image on sd3)
     */
    @POST
    @Path("/{endpoint}")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Produces("image/*")
    Response generate(@PathParam("endpoint") String endpoint, @HeaderParam("Authorization") String authorization,
            ClientMultipartForm form);
}
