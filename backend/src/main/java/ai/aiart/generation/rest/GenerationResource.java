package ai.aiart.generation.rest;

import java.net.URI;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.multipart.FileUpload;

import ai.aiart.ratelimit.Gated;
import ai.aiart.core.Identity;
import ai.aiart.auth.IdentityResolver;
import ai.aiart.auth.service.UserService;
import ai.aiart.ratelimit.Admission;
import ai.aiart.ratelimit.RateLimiter;
import ai.aiart.generation.Job;
import ai.aiart.core.JobKind;
import ai.aiart.generation.TextToImageRequest;
import ai.aiart.generation.TextToVideoRequest;
import ai.aiart.generation.service.CheckedUpload;
import ai.aiart.generation.service.JobParamsFactory;
import ai.aiart.generation.service.JobService;
import ai.aiart.generation.service.JobViews;
import ai.aiart.generation.service.UploadInspector;
import ai.aiart.generation.service.UploadQuota;
import ai.aiart.core.ErrorType;
import ai.aiart.core.ProblemException;
import ai.aiart.web.Violations;
import io.vertx.core.http.HttpServerRequest;

/**
 * {@code /api/v1/generate/*}: every request is answered at once with a queued job (202 and
 * {@code Location}); a resubmission with the same {@code Idempotency-Key} gets the same job.
 */
@Path("/api/v1/generate")
@Gated(Gated.Gate.GENERATION)
@Produces(MediaType.APPLICATION_JSON)
public class GenerationResource {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    private static final String STRENGTH_MESSAGE = "The strength must be a number from 0 to 1.";
    private static final String NO_BODY = "Send a JSON object with at least a prompt.";

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
    public Response textToImage(TextToImageRequest request, @RestHeader(IDEMPOTENCY_KEY) String idempotencyKey,
            HttpServerRequest http) {
        Violations.requireBody(request, "request", NO_BODY).check();
        Job.JobParams p = params.fromText(request.prompt(), request.negativePrompt(), request.aspectRatio(),
                request.style(), request.seed(), false);
        return submit(JobKind.TEXT_TO_IMAGE, p, null, idempotencyKey, http);
    }

    @POST
    @Path("/text-to-video")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response textToVideo(TextToVideoRequest request, @RestHeader(IDEMPOTENCY_KEY) String idempotencyKey,
            HttpServerRequest http) {
        Violations.requireBody(request, "request", NO_BODY).check();
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
        Job.JobParams p = params.fromUpload(prompt, negativePrompt, style, JobParamsFactory.seed(seed));
        Double s = JobParamsFactory.number(strength, 0, 1, STRENGTH_MESSAGE);
        p.strength = s == null ? 0.6 : s;
        return fromUpload(JobKind.IMAGE_TO_IMAGE, p, image, idempotencyKey, http, null);
    }

    @POST
    @Path("/image-to-video")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Response imageToVideo(@RestForm("image") FileUpload image, @RestForm("prompt") String prompt,
            @RestForm("duration_seconds") String duration, @RestForm("seed") String seed,
            @RestHeader(IDEMPOTENCY_KEY) String idempotencyKey, HttpServerRequest http) {
        Job.JobParams p = params.fromUpload(prompt, null, null, JobParamsFactory.seed(seed));
        Double d = JobParamsFactory.number(duration, 1, 8, "A video lasts from 1 to 8 seconds.");
        return fromUpload(JobKind.IMAGE_TO_VIDEO, p, image, idempotencyKey, http, d);
    }

    /**
     * An upload request whose form fields have been checked: the caller is identified and admitted
     * first, then the picture is read (docs/RELIABILITY.md, "Uploads"). A picture refused after that
     * keeps the token it took, so a visitor who sends bad or oversized pictures runs out of
     * allowance (and towards a block) as one who sends good ones; a refusal of ours (the uploads
     * budget, the visitor's waiting uploads, a full queue) and a resubmission give it back.
     */
    private Response fromUpload(JobKind kind, Job.JobParams p, FileUpload image, String idempotencyKey,
            HttpServerRequest http, Double durationSeconds) {
        if (image == null || image.uploadedFile() == null) {
            throw ProblemException.validation("Please attach a picture in the form field 'image'.");
        }
        Identity who = identities.resolve(http);
        PreAdmission admission = PreAdmission.take(limiter, quota, who, idempotencyKey);
        CheckedUpload upload;
        try {
            quota.check(who, idempotencyKey);
        } catch (ProblemException refused) {
            admission.giveBack();
            throw refused;
        }
        upload = inspector.inspect(image.uploadedFile(), image.contentType());
        params.fitUpload(p, upload.width(), upload.height(), kind == JobKind.IMAGE_TO_VIDEO);
        if (durationSeconds != null) {
            p.durationSeconds = (int) Math.round(durationSeconds);
        }
        try {
            return submit(kind, p, upload, idempotencyKey, who, admission, taken -> admission.giveBack());
        } finally {
            admission.giveBackUnused();
        }
    }

    /**
     * The token an upload request takes before its picture is read. A resubmission of a request that
     * already made its job is let through without one when the bucket is empty: it takes nothing.
     */
    private static final class PreAdmission implements java.util.function.Supplier<Admission> {
        private final RateLimiter limiter;
        private final Identity who;
        private Admission taken;
        private boolean used;
        private boolean returned;

        private PreAdmission(RateLimiter limiter, Identity who, Admission taken) {
            this.limiter = limiter;
            this.who = who;
            this.taken = taken;
        }

        static PreAdmission take(RateLimiter limiter, UploadQuota quota, Identity who, String idempotencyKey) {
            try {
                return new PreAdmission(limiter, who, limiter.admit(who));
            } catch (ProblemException refused) {
                if (refused.errorType() == ErrorType.RATE_LIMITED && idempotencyKey != null && quota.alreadyMade(who, idempotencyKey)) {
                    return new PreAdmission(limiter, who, null);
                }
                throw refused;
            }
        }

        @Override
        public synchronized Admission get() {
            used = true;
            if (taken == null) {
                taken = limiter.admit(who);
            }
            return taken;
        }

        /** Gives the token back (a refusal of ours, or a resubmission). */
        synchronized void giveBack() {
            if (taken != null && !returned) {
                returned = true;
                limiter.refund(who, taken);
            }
        }

        /** Gives the token back when the submission never asked for it (a resubmission, a full queue). */
        synchronized void giveBackUnused() {
            if (!used) {
                giveBack();
            }
        }
    }

    private Response submit(JobKind kind, Job.JobParams p, CheckedUpload upload, String idempotencyKey,
            HttpServerRequest http) {
        Identity who = identities.resolve(http);
        return submit(kind, p, upload, idempotencyKey, who, () -> limiter.admit(who), taken -> limiter.refund(who, taken));
    }

    private Response submit(JobKind kind, Job.JobParams p, CheckedUpload upload, String idempotencyKey, Identity who,
            java.util.function.Supplier<Admission> admit, java.util.function.Consumer<Admission> giveBack) {
        JobService.Submission submission = jobs.submit(kind, p, upload, who, idempotencyKey, admit, giveBack);
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
