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
import ai.aiart.core.Submission;
import ai.aiart.generation.SubmissionRules;
import ai.aiart.generation.TextToImageRequest;
import ai.aiart.generation.TextToVideoRequest;
import ai.aiart.generation.service.CheckedUpload;
import ai.aiart.generation.service.JobService;
import ai.aiart.generation.service.JobViews;
import ai.aiart.generation.service.UploadInspector;
import ai.aiart.generation.service.UploadQuota;
import ai.aiart.core.ErrorType;
import ai.aiart.core.ProblemException;
import io.vertx.core.http.HttpServerRequest;

/**
 * {@code /api/v1/generate/*}: every request is answered at once with a queued job (202 and
 * {@code Location}); a resubmission with the same {@code Idempotency-Key} gets the same job. What a
 * request carries is parsed and checked by {@link SubmissionRules}, once, into a {@link Submission}.
 */
@Path("/api/v1/generate")
@Gated(Gated.Gate.GENERATION)
@Produces(MediaType.APPLICATION_JSON)
public class GenerationResource {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private final JobService jobs;
    private final JobViews views;
    private final SubmissionRules rules;
    private final UploadInspector inspector;
    private final IdentityResolver identities;
    private final RateLimiter limiter;
    private final UserService users;
    private final UploadQuota quota;

    public GenerationResource(JobService jobs, JobViews views, SubmissionRules rules, UploadInspector inspector,
            IdentityResolver identities, RateLimiter limiter, UserService users, UploadQuota quota) {
        this.quota = quota;
        this.limiter = limiter;
        this.users = users;
        this.jobs = jobs;
        this.views = views;
        this.rules = rules;
        this.inspector = inspector;
        this.identities = identities;
    }

    @POST
    @Path("/text-to-image")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response textToImage(TextToImageRequest request, @RestHeader(IDEMPOTENCY_KEY) String idempotencyKey,
            HttpServerRequest http) {
        return submit(rules.textToImage(request), null, idempotencyKey, http);
    }

    @POST
    @Path("/text-to-video")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response textToVideo(TextToVideoRequest request, @RestHeader(IDEMPOTENCY_KEY) String idempotencyKey,
            HttpServerRequest http) {
        return submit(rules.textToVideo(request), null, idempotencyKey, http);
    }

    @POST
    @Path("/image-to-image")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Response imageToImage(@RestForm("image") FileUpload image, @RestForm("prompt") String prompt,
            @RestForm("negative_prompt") String negativePrompt, @RestForm("strength") String strength,
            @RestForm("style") String style, @RestForm("seed") String seed,
            @RestHeader(IDEMPOTENCY_KEY) String idempotencyKey, HttpServerRequest http) {
        return fromUpload(rules.imageToImage(prompt, negativePrompt, strength, style, seed), image, idempotencyKey, http);
    }

    @POST
    @Path("/image-to-video")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Response imageToVideo(@RestForm("image") FileUpload image, @RestForm("prompt") String prompt,
            @RestForm("duration_seconds") String duration, @RestForm("seed") String seed,
            @RestHeader(IDEMPOTENCY_KEY) String idempotencyKey, HttpServerRequest http) {
        return fromUpload(rules.imageToVideo(prompt, duration, seed), image, idempotencyKey, http);
    }

    /**
     * An upload request whose form fields have been checked: the caller is identified and admitted
     * first, then the picture is read (docs/RELIABILITY.md, "Uploads"). A picture refused after that
     * keeps the token it took, so a visitor who sends bad or oversized pictures runs out of
     * allowance (and towards a block) as one who sends good ones; a refusal of ours (the uploads
     * budget, the visitor's waiting uploads, a full queue) and a resubmission give it back.
     */
    private Response fromUpload(Submission submission, FileUpload image, String idempotencyKey, HttpServerRequest http) {
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
        Submission fitted = submission.fittedTo(upload.width(), upload.height());
        try {
            return submit(fitted, upload, idempotencyKey, who, admission, taken -> admission.giveBack());
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

    private Response submit(Submission submission, CheckedUpload upload, String idempotencyKey, HttpServerRequest http) {
        Identity who = identities.resolve(http);
        return submit(submission, upload, idempotencyKey, who, () -> limiter.admit(who), taken -> limiter.refund(who, taken));
    }

    private Response submit(Submission submission, CheckedUpload upload, String idempotencyKey, Identity who,
            java.util.function.Supplier<Admission> admit, java.util.function.Consumer<Admission> giveBack) {
        JobService.Accepted accepted = jobs.submit(submission, upload, who, idempotencyKey, admit, giveBack);
        var view = views.of(accepted.job());
        Response.ResponseBuilder response = Response.accepted(view).location(URI.create(view.links().self()));
        if (accepted.replayed()) {
            response.header("Idempotent-Replayed", "true");
        } else {
            users.recordJob(who);
        }
        Admission admission = accepted.admission() != null ? accepted.admission() : limiter.peek(who).admission();
        admission.headers().forEach(response::header);
        return response.build();
    }
}
