package ai.aiart.provider.dashscope;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.rest.client.annotation.ClientHeaderParam;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import ai.aiart.provider.dashscope.DashScopePayloads.MultimodalAnswer;
import ai.aiart.provider.dashscope.DashScopePayloads.MultimodalRequest;
import ai.aiart.provider.dashscope.DashScopePayloads.SynthesisRequest;
import ai.aiart.provider.dashscope.DashScopePayloads.TaskAnswer;

/**
 * Alibaba Cloud DashScope (Model Studio): asynchronous Wan picture and video tasks, and
 * Qwen-Image's synchronous generation. A task submission answers
 * {@code {output:{task_id, task_status:"PENDING"}}}; the task is then polled. Qwen-Image answers
 * with the picture's URL once it is drawn, in the same request. Error statuses surface as
 * {@code WebApplicationException}.
 */
@RegisterRestClient(configKey = "dashscope")
@Path("/api/v1")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
interface DashScopeClient {

    @POST
    @Path("/services/aigc/text2image/image-synthesis")
    @ClientHeaderParam(name = "X-DashScope-Async", value = "enable")
    TaskAnswer submitImage(@HeaderParam("Authorization") String authorization, SynthesisRequest request);

    @POST
    @Path("/services/aigc/video-generation/video-synthesis")
    @ClientHeaderParam(name = "X-DashScope-Async", value = "enable")
    TaskAnswer submitVideo(@HeaderParam("Authorization") String authorization, SynthesisRequest request);

    /** Qwen-Image text-to-image: holds the request open while the picture is drawn (no async header). */
    @POST
    @Path("/services/aigc/multimodal-generation/generation")
    MultimodalAnswer generate(@HeaderParam("Authorization") String authorization, MultimodalRequest request);

    @GET
    @Path("/tasks/{taskId}")
    TaskAnswer task(@HeaderParam("Authorization") String authorization, @PathParam("taskId") String taskId);
}
