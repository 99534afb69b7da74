package ai.aiart.provider.gemini;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.DoubleConsumer;

import ai.aiart.core.JobKind;
import ai.aiart.provider.GeneratedMedia;
import ai.aiart.provider.GenerationRequest;
import ai.aiart.provider.ProviderException;
import ai.aiart.provider.ProvidersConfig;
import ai.aiart.provider.gemini.GeminiPayloads.Operation;
import ai.aiart.provider.gemini.GeminiPayloads.Picture;
import ai.aiart.provider.gemini.GeminiPayloads.Sample;
import ai.aiart.provider.gemini.GeminiPayloads.Status;
import ai.aiart.provider.gemini.GeminiPayloads.VideoInstance;
import ai.aiart.provider.gemini.GeminiPayloads.VideoParameters;
import ai.aiart.provider.gemini.GeminiPayloads.VideoRequest;
import ai.aiart.provider.gemini.GeminiPayloads.VideoResponse;
import ai.aiart.provider.upstream.Failures;
import ai.aiart.provider.upstream.Failures.Verdict;
import ai.aiart.provider.upstream.MediaDownloads;
import ai.aiart.core.MediaProbe;
import ai.aiart.provider.upstream.Poller;
import ai.aiart.provider.upstream.Prompts;
import io.quarkus.logging.Log;

/**
 * Videos from Veo: a long-running operation is started, polled until {@code done}, and its
 * video downloaded with the API key (sent only to the API's own host).
 */
final class GeminiVideos {

    private static final List<String> RATIOS = List.of("16:9", "9:16");
    /** Lengths Veo 3.x makes, in seconds. */
    private static final List<Integer> DURATIONS = List.of(4, 6, 8);

    private final GeminiCalls calls;
    private final ProvidersConfig.Gemini config;
    private final MediaDownloads downloads;

    GeminiVideos(GeminiCalls calls, ProvidersConfig.Gemini config, MediaDownloads downloads) {
        this.calls = calls;
        this.config = config;
        this.downloads = downloads;
    }

    GeneratedMedia make(GenerationRequest request, DoubleConsumer progress) {
        JobKind kind = request.kind();
        String ratio = Prompts.nearestRatio(request.aspectRatio(), RATIOS);
        int seconds = duration(request.durationSeconds());
        GenerationRequest.InputImage input = request.input();
        VideoInstance instance = new VideoInstance(Prompts.styled(request.prompt(), request.style()),
                input == null ? null : new Picture(Prompts.base64(input), input.contentType()));
        VideoRequest body = new VideoRequest(List.of(instance), new VideoParameters(ratio, seconds, request.negativePrompt()));
        Operation started = calls.call(kind, () -> calls.client().predictLongRunning(calls.apiKey(), config.videoModel(), body));
        if (started == null || started.name() == null) {
            Log.warnf("Veo started an operation without a name: %s", started);
            throw Failures.failed(kind);
        }
        Operation done = started.done() ? started
                : Poller.await(kind, () -> check(kind, started.name()), config.pollInterval(), config.videoMaxPollTime(), progress);
        return fetch(kind, done, ratio, seconds);
    }

    private Optional<Operation> check(JobKind kind, String name) {
        Operation operation = calls.poll(kind, () -> calls.client().operation(calls.apiKey(), name));
        return operation != null && operation.done() ? Optional.of(operation) : Optional.empty();
    }

    private GeneratedMedia fetch(JobKind kind, Operation done, String ratio, int seconds) {
        if (done.error() != null) {
            throw operationFailure(kind, done.name(), done.error());
        }
        VideoResponse video = done.response() == null ? null : done.response().generateVideoResponse();
        String uri = video == null || video.generatedSamples() == null ? null
                : video.generatedSamples().stream().map(Sample::video).filter(v -> v != null && v.uri() != null)
                        .map(v -> v.uri()).findFirst().orElse(null);
        if (uri == null) {
            boolean filtered = video != null && ((video.raiMediaFilteredCount() != null && video.raiMediaFilteredCount() > 0)
                    || (video.raiMediaFilteredReasons() != null && !video.raiMediaFilteredReasons().isEmpty()));
            if (filtered) {
                Log.infof("Veo filtered the video: %s", video.raiMediaFilteredReasons());
                throw Failures.refused(kind);
            }
            Log.warnf("Veo operation %s finished without a video", done.name());
            throw Failures.failed(kind);
        }
        URI location = URI.create(uri);
        Map<String, String> headers = sameHost(location) ? Map.of("x-goog-api-key", calls.apiKey()) : Map.of();
        MediaDownloads.Download download = downloads.fetch(kind, location, headers, config.timeout(), config.pollInterval());
        MediaProbe.VideoInfo info = MediaProbe.videoInfo(download.file());
        if (info != null) {
            return new GeneratedMedia(download.contentType(), info.width(), info.height(),
                    info.seconds() != null ? info.seconds() : (double) seconds, download.file());
        }
        boolean landscape = ratio.equals("16:9");
        return new GeneratedMedia(download.contentType(), landscape ? 1280 : 720, landscape ? 720 : 1280, (double) seconds,
                download.file());
    }

    private static ProviderException operationFailure(JobKind kind, String name, Status error) {
        Log.warnf("Veo operation %s failed: %s %s", name, error.code(), error.message());
        Verdict verdict = GeminiCalls.mentionsPolicy(error.message()) ? Verdict.REFUSED
                : error.code() != null && error.code() == 400 ? Verdict.REJECTED : Verdict.NONE;
        return Failures.of(kind, verdict);
    }

    /** The shortest length Veo makes that is at least the one asked for. */
    static int duration(int asked) {
        return DURATIONS.stream().filter(d -> d >= asked).findFirst().orElse(DURATIONS.get(DURATIONS.size() - 1));
    }

    private boolean sameHost(URI location) {
        URI base = URI.create(config.baseUrl());
        return base.getHost() != null && base.getHost().equalsIgnoreCase(location.getHost());
    }
}
