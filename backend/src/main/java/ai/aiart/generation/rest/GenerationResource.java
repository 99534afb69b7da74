package ai.aiart.generation.rest;

import java.net.URI;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.multipart.FileUpload;

import ai.aiart.auth.Identity;
import ai.aiart.auth.IdentityResolver;
import ai.aiart.auth.service.UserService;
import ai.aiart.ratelimit.Admission;
import ai.aiart.ratelimit.RateLimiter;
import ai.aiart.generation.Job;
import ai.aiart.generation.JobKind;
import ai.aiart.generation.TextToImageRequest;
import ai.aiart.generation.TextToVideoRequest;
import ai.aiart.generation.service.CheckedUpload;
import ai.aiart.generation.service.JobParamsFactory;
import ai.aiart.generation.service.JobService;
import ai.aiart.generation.service.JobViews;
import ai.aiart.generation.service.UploadInspector;
import ai.aiart.generation.service.UploadQuota;
import ai.aiart.web.ProblemException;
import io.vertx.core.http.HttpServerRequest;

/**
 * {@code /api/v1/generate/*}: every request is answered at once with a queued job (202 and
 * {@code Location}); a resubmission with the same {@code Idempotency-Key} gets the same job.
 */
@Path("/api/v1/generate")
@Produces(MediaType.APPLICATION_JSON)
public class GenerationResource {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    private static final String STRENGTH_MESSAGE = "The strength must be a number from 0 to 1.";

    private final JobService jobs;
    private final JobViews views;
    private final JobParamsFactory params;
    private final UploadInspector inspector;
    private final IdentityResolver identities;
    private final RateLimiter limiter;
    private final UserService users;
    private final UploadQuota quota;

    public GenerationResource(JobService jobs, JobViews views, JobParamsFactory params, UploadInspector inspector,
            IdentityResolver identities, RateLimiter limiter, UserService users, UploadQuota quota) {
        this.quota = quota;
        this.limiter = limiter;
        this.users = users;
        this.jobs = jobs;
        this.views = views;
        this.params = params;
        this.inspector = inspector;
        this.identities = identities;
    }

    @POST
    @Path("/text-to-image")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response textToImage(
            @NotNull(message = "Send a JSON object with at least a prompt.") @Valid TextToImageRequest request,
            @RestHeader(IDEMPOTENCY_KEY) String idempotencyKey, HttpServerRequest http) {
        Job.JobParams p = params.fromText(request.prompt(), request.negativePrompt(), request.aspectRatio(),
                request.style(), request.seed(), false);
        return submit(JobKind.TEXT_TO_IMAGE, p, null, idempotencyKey, http);
    }

    @POST
    @Path("/text-to-video")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response textToVideo(
            @NotNull(message = "Send a JSON object with at least a prompt.") @Valid TextToVideoRequest request,
            @RestHeader(IDEMPOTENCY_KEY) String idempotencyKey, HttpServerRequest http) {
        Job.JobParams p = params.fromText(request.prompt(), request.negativePrompt(), request.aspectRatio(),
                request.style(), request.seed(), true);
        if (request.durationSeconds() != null) {
            p.durationSeconds = request.durationSeconds();
        }
        return submit(JobKind.TEXT_TO_VIDEO, p, null, idempotencyKey, http);
    }

    @POST
    @Path("/image-to-image")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Response imageToImage(@RestForm("image") FileUpload image, @RestForm("prompt") String prompt,
            @RestForm("negative_prompt") String negativePrompt, @RestForm("strength") String strength,
            @RestForm("style") String style, @RestForm("seed") String seed,
            @RestHeader(IDEMPOTENCY_KEY) String idempotencyKey, HttpServerRequest http) {
        if (prompt == null || prompt.isBlank()) {
            throw ProblemException.validation("Please describe how to change the picture: the prompt must not be empty.");
        }
        quota.check(identities.resolve(http), idempotencyKey);
        CheckedUpload upload = inspect(image);
        Job.JobParams p = params.fromUpload(prompt, negativePrompt, style, JobParamsFactory.seed(seed),
                upload.width(), upload.height(), false);
        Double s = JobParamsFactory.number(strength, 0, 1, STRENGTH_MESSAGE);
        p.strength = s == null ? 0.6 : s;
        return submit(JobKind.IMAGE_TO_IMAGE, p, upload, idempotencyKey, http);
    }

    @POST
    @Path("/image-to-video")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Response imageToVideo(@RestForm("image") FileUpload image, @RestForm("prompt") String prompt,
            @RestForm("duration_seconds") String duration, @RestForm("seed") String seed,
            @RestHeader(IDEMPOTENCY_KEY) String idempotencyKey, HttpServerRequest http) {
        quota.check(identities.resolve(http), idempotencyKey);
        CheckedUpload upload = inspect(image);
        Job.JobParams p = params.fromUpload(prompt, null, null, JobParamsFactory.seed(seed),
                upload.width(), upload.height(), true);
        Double d = JobParamsFactory.number(duration, 1, 8, "A video lasts from 1 to 8 seconds.");
        if (d != null) {
            p.durationSeconds = (int) Math.round(d);
        }
        return submit(JobKind.IMAGE_TO_VIDEO, p, upload, idempotencyKey, http);
    }

    private CheckedUpload inspect(FileUpload image) {
        if (image == null || image.uploadedFile() == null) {
            throw ProblemException.validation("Please attach a picture in the form field 'image'.");
        }
        return inspector.inspect(image.uploadedFile(), image.contentType());
    }

    private Response submit(JobKind kind, Job.JobParams p, CheckedUpload upload, String idempotencyKey,
            HttpServerRequest http) {
        Identity who = identities.resolve(http);
        JobService.Submission submission = jobs.submit(kind, p, upload, who, idempotencyKey,
                () -> limiter.admit(who), taken -> limiter.refund(who, taken));
        var view = views.of(submission.job());
        Response.ResponseBuilder response = Response.accepted(view).location(URI.create(view.links().self()));
        if (submission.replayed()) {
            response.header("Idempotent-Replayed", "true");
        } else {
            users.recordJob(who);
        }
        Admission admission = submission.admission() != null ? submission.admission() : limiter.peek(who).admission();
        admission.headers().forEach(response::header);
        return response.build();
    }
}
