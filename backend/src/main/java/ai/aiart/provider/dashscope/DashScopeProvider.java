package ai.aiart.provider.dashscope;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.DoubleConsumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.faulttolerance.Fallback;

import com.fasterxml.jackson.databind.ObjectMapper;

import ai.aiart.core.JobKind;
import ai.aiart.provider.GeneratedMedia;
import ai.aiart.provider.GenerationRequest;
import ai.aiart.provider.ImageProvider;
import ai.aiart.provider.MediaFiles;
import ai.aiart.provider.ProviderException;
import ai.aiart.provider.ProvidersConfig;
import ai.aiart.provider.dashscope.DashScopePayloads.Choice;
import ai.aiart.provider.dashscope.DashScopePayloads.Content;
import ai.aiart.provider.dashscope.DashScopePayloads.MultimodalAnswer;
import ai.aiart.provider.dashscope.DashScopePayloads.Output;
import ai.aiart.provider.dashscope.DashScopePayloads.Result;
import ai.aiart.provider.dashscope.DashScopePayloads.SynthesisRequest;
import ai.aiart.provider.dashscope.DashScopePayloads.TaskAnswer;
import ai.aiart.provider.upstream.DecodeBudget;
import ai.aiart.provider.upstream.Failures;
import ai.aiart.provider.upstream.Failures.Verdict;
import ai.aiart.provider.upstream.GuardFallback;
import ai.aiart.provider.upstream.InputLimits;
import ai.aiart.provider.upstream.ModelSlots;
import ai.aiart.provider.upstream.MediaDownloads;
import ai.aiart.core.MediaProbe;
import ai.aiart.provider.upstream.Poller;
import ai.aiart.provider.upstream.RestClients;
import ai.aiart.provider.upstream.UpstreamCalls;
import ai.aiart.provider.upstream.UpstreamCalls.Reading;
import io.quarkus.logging.Log;
import io.smallrye.faulttolerance.api.ApplyGuard;

/**
 * Pictures from Qwen-Image and pictures and videos from Wan on DashScope (docs/PROVIDERS.md). A
 * Wan task is submitted with {@code X-DashScope-Async: enable}, polled until it ends, and its
 * result downloaded at once (the links expire). Qwen-Image (the default text-to-image model)
 * answers within one request with the picture's link, downloaded the same way. Only
 * submissions (and Qwen-Image requests) are retried; a failed or refused task is not.
 */
@ApplicationScoped
public class DashScopeProvider implements ImageProvider {

    public static final String NAME = "dashscope";

    private final ProvidersConfig.Dashscope config;
    private final UpstreamCalls calls;
    private final DashScopeClient client;
    /** The same API with a read timeout long enough for Qwen-Image to draw within the request. */
    private final DashScopeClient drawingClient;
    private final MediaDownloads downloads;
    private final ObjectMapper json;
    private final DecodeBudget decodes;

    /** DashScope's limit is per model (tasks-per-model); the guard's bulkhead bounds the three models together. */
    private final ModelSlots slots;

    public DashScopeProvider(ProvidersConfig config, MediaDownloads downloads, ObjectMapper json, Clock clock, DecodeBudget decodes) {
        this.decodes = decodes;
        this.config = config.dashscope();
        this.calls = new UpstreamCalls(clock, config.maxRetryAfter(), this::read);
        this.client = RestClients.build(DashScopeClient.class, this.config.baseUrl(), this.config.connectTimeout(),
                this.config.timeout());
        this.drawingClient = RestClients.build(DashScopeClient.class, this.config.baseUrl(), this.config.connectTimeout(),
                this.config.imageMaxPollTime());
        this.downloads = downloads;
        this.json = json;
        this.slots = new ModelSlots(this.config.tasksPerModel());
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<JobKind> kinds() {
        return EnumSet.of(JobKind.TEXT_TO_IMAGE, JobKind.TEXT_TO_VIDEO, JobKind.IMAGE_TO_VIDEO);
    }

    @Override
    public boolean configured() {
        return config.apiKey().filter(k -> !k.isBlank()).isPresent();
    }

    /**
     * Guarded by the upstream policy ({@code provider/upstream/UpstreamGuards}), named after the provider;
     * its bulkhead bounds three models, each of which DashScope runs 2 tasks of at once: {@link ModelSlots}.
     */
    @Override
    @ApplyGuard(NAME)
    @Fallback(value = GuardFallback.class, skipOn = ProviderException.class)
    public GeneratedMedia generate(GenerationRequest request, DoubleConsumer progress) {
        try (ModelSlots.Slot slot = slots.take(model(request.kind()))) {
            return make(request, progress);
        }
    }

    /** The configured model of {@code kind}. */
    private String model(JobKind kind) {
        return switch (kind) {
            case TEXT_TO_VIDEO -> config.textToVideoModel();
            case IMAGE_TO_VIDEO -> config.imageToVideoModel();
            default -> config.textToImageModel();
        };
    }

    private GeneratedMedia make(GenerationRequest request, DoubleConsumer progress) {
        JobKind kind = request.kind();
        DashScopeRequests.Prepared prepared = DashScopeRequests.prepare(request, config);
        if (prepared.synchronous()) {
            return draw(kind, prepared);
        }
        TaskAnswer submitted = calls.call(kind, () -> kind.video()
                ? client.submitVideo(authorization(), prepared.body())
                : client.submitImage(authorization(), prepared.body()));
        String taskId = submitted.output() == null ? null : submitted.output().taskId();
        if (taskId == null) {
            Log.warnf("DashScope accepted a task without an id: %s", submitted);
            throw Failures.failed(kind);
        }
        Duration maxPoll = kind.video() ? config.videoMaxPollTime() : config.imageMaxPollTime();
        TaskAnswer done = Poller.await(kind, () -> check(kind, taskId), config.pollInterval(), maxPoll, progress);
        return fetch(kind, done, prepared);
    }

    /** Qwen-Image: one request that answers with the picture's link (or an error) once it is drawn. */
    private GeneratedMedia draw(JobKind kind, DashScopeRequests.Prepared prepared) {
        MultimodalAnswer answer = calls.call(kind, () -> drawingClient.generate(authorization(), prepared.qwenImage()));
        if (answer.code() != null && !answer.code().isBlank()) {
            // an error in a 200: read it as the same code on a task would be
            Log.warnf("DashScope answered %s with an error: %s %s", prepared.qwenImage().model(), answer.code(), answer.message());
            throw codeFailure(kind, answer.code());
        }
        String url = firstImage(answer);
        if (url == null) {
            Log.warnf("DashScope request %s succeeded without a picture", answer.requestId());
            throw Failures.failed(kind);
        }
        return picture(kind, url, "request " + answer.requestId());
    }

    private Optional<TaskAnswer> check(JobKind kind, String taskId) {
        TaskAnswer answer = calls.poll(kind, () -> client.task(authorization(), taskId));
        Output output = answer.output();
        String status = output == null || output.taskStatus() == null ? "UNKNOWN" : output.taskStatus();
        return switch (status) {
            case "SUCCEEDED" -> Optional.of(answer);
            case "FAILED", "CANCELED", "UNKNOWN" -> throw taskFailure(kind, taskId, status, output);
            default -> Optional.empty(); // PENDING, RUNNING, SUSPENDED
        };
    }

    private GeneratedMedia fetch(JobKind kind, TaskAnswer done, DashScopeRequests.Prepared prepared) {
        Output output = done.output();
        String url = kind.video() ? output.videoUrl() : firstUrl(output.results());
        if (url == null) {
            Optional<Result> filtered = output.results() == null ? Optional.empty()
                    : output.results().stream().filter(r -> isRefusal(r.code())).findFirst();
            if (filtered.isPresent()) {
                throw Failures.refused(kind);
            }
            Log.warnf("DashScope task %s succeeded without a result", output.taskId());
            throw Failures.failed(kind);
        }
        if (!kind.video()) {
            return picture(kind, url, "task " + output.taskId());
        }
        MediaDownloads.Download download = downloads.fetch(kind, URI.create(url), Map.of(), config.timeout(),
                config.pollInterval());
        MediaProbe.VideoInfo info = MediaProbe.videoInfo(download.file());
        Double seconds = info != null && info.seconds() != null ? info.seconds()
                : done.usage() != null && done.usage().videoDuration() != null ? done.usage().videoDuration()
                : (double) config.videoDuration();
        return info != null ? new GeneratedMedia(download.contentType(), info.width(), info.height(), seconds, download.file())
                : new GeneratedMedia(download.contentType(), prepared.width(), prepared.height(), seconds, download.file());
    }

    /** Downloads a picture at once (DashScope's links expire after 24 hours) and reads its size. */
    private GeneratedMedia picture(JobKind kind, String url, String id) {
        MediaDownloads.Download download = downloads.fetch(kind, URI.create(url), Map.of(), config.timeout(),
                config.pollInterval());
        int[] size = MediaProbe.imageSize(download.file(), decodes);
        if (size == null) {
            MediaFiles.deleteQuietly(download.file());
            Log.warnf("DashScope %s gave a picture that cannot be read", id);
            throw Failures.failed(kind);
        }
        return new GeneratedMedia(download.contentType(), size[0], size[1], null, download.file());
    }

    private ProviderException taskFailure(JobKind kind, String taskId, String status, Output output) {
        String code = output == null ? null : output.code();
        Log.warnf("DashScope task %s ended %s: %s %s", taskId, status, code, output == null ? "" : output.message());
        return codeFailure(kind, code);
    }

    /** A task that ended with {@code code}, or a Qwen-Image answer carrying it: not retried, the task ran. */
    private static ProviderException codeFailure(JobKind kind, String code) {
        return Failures.of(kind, verdict(code));
    }

    /**
     * What DashScope's error answer ({@code {"request_id","code","message"}}) says; the status and
     * Retry-After are read by {@link UpstreamCalls}.
     */
    private Reading read(JobKind kind, Response response) {
        TaskAnswer error = readError(response);
        String code = error == null ? null : error.code();
        Log.warnf("DashScope answered HTTP %d %s: %s", response.getStatus(), code, error == null ? "" : error.message());
        return Reading.of(verdict(code));
    }

    /** What a DashScope error code says: a content refusal, a parameter it does not accept, or nothing more. */
    static Verdict verdict(String code) {
        if (isRefusal(code)) {
            return Verdict.REFUSED;
        }
        return code != null && code.startsWith("InvalidParameter") ? Verdict.REJECTED : Verdict.NONE;
    }

    private TaskAnswer readError(Response response) {
        try {
            return json.readValue(response.readEntity(String.class), TaskAnswer.class);
        } catch (Exception e) {
            return null;
        }
    }

    /** Content inspection of the prompt, the picture or the result; or suspected IP infringement. */
    static boolean isRefusal(String code) {
        return code != null && (code.startsWith("DataInspection") || code.equals("IPInfringementSuspect"));
    }

    private static String firstUrl(List<Result> results) {
        return results == null ? null : results.stream().map(Result::url).filter(u -> u != null && !u.isBlank())
                .findFirst().orElse(null);
    }

    /** The first picture link among the answer's choices. */
    private static String firstImage(MultimodalAnswer answer) {
        if (answer.output() == null || answer.output().choices() == null) {
            return null;
        }
        return answer.output().choices().stream().map(Choice::message)
                .filter(m -> m != null && m.content() != null)
                .flatMap(m -> m.content().stream()).map(Content::image)
                .filter(u -> u != null && !u.isBlank()).findFirst().orElse(null);
    }

    private String authorization() {
        return "Bearer " + config.apiKey().orElse("");
    }

    // Input limits (docs/PROVIDERS.md, "Input limits and fitting"): the runner fits requests to these.

    /** Image-to-video's upload: 360–2000 px a side, at most 10 MB, no transparency (third-party copies of the reference). */
    private static final InputLimits VIDEO_UPLOAD = InputLimits.prompts(800, 500, true)
            .withImage(360, 2000, 10_000_000L, Set.of("image/jpeg", "image/png", "image/bmp", "image/webp"), false);
    /** Wan video prompts: 800 characters, negative prompts 500; DashScope cuts the rest itself. */
    private static final InputLimits VIDEO_PROMPTS = InputLimits.prompts(800, 500, true);
    /** Qwen-Image: prompt 800, negative prompt 500. */
    private static final InputLimits QWEN_IMAGE_PROMPTS = InputLimits.prompts(800, 500, true);
    /** Wan text-to-image: 500 (a conservative figure; not confirmed from an official page). */
    private static final InputLimits WAN_IMAGE_PROMPTS = InputLimits.prompts(500, 500, true);

    @Override
    public InputLimits inputLimits(JobKind kind) {
        return switch (kind) {
            case IMAGE_TO_VIDEO -> VIDEO_UPLOAD;
            case TEXT_TO_VIDEO -> VIDEO_PROMPTS;
            case TEXT_TO_IMAGE -> DashScopeRequests.isQwenImage(config.textToImageModel()) ? QWEN_IMAGE_PROMPTS : WAN_IMAGE_PROMPTS;
            default -> InputLimits.NONE;
        };
    }
}
