package ai.aiart.provider;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import ai.aiart.core.JobKind;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The upstream image and video services ({@code aiart.providers.*}, docs/PROVIDERS.md). A provider takes
 * part only when its API key is set, e.g. {@code AIART_PROVIDERS_STABILITY_API_KEY}. Model ids
 * change often upstream, so every one of them is configuration. The fault-tolerance policy of
 * the providers (timeout, retries, circuit breaker, bulkhead) is written once, in
 * {@code provider/upstream/UpstreamGuards}, and tuned with {@code quarkus.fault-tolerance."<provider>".*}
 * keys (docs/PROVIDERS.md).
 */
@ConfigMapping(prefix = "aiart.providers")
public interface ProvidersConfig {

    /** The providers tried for each kind, in order. */
    Chain chain();

    /** Longest pause between two attempts of one call (exponential backoff with jitter). */
    @WithDefault("8s")
    Duration maxBackoff();

    /**
     * Longest {@code Retry-After} that is waited out. An upstream asking for a longer pause is
     * passed over for this job, so the next provider in the chain gets it at once.
     */
    @WithDefault("20s")
    Duration maxRetryAfter();

    /** Largest result accepted from an upstream, in bytes. */
    @WithDefault("157286400")
    long maxResultBytes();

    /** The model canary: checks that the configured models exist upstream (docs/PROVIDERS.md, "Model canary"). */
    Canary canary();

    /** Stability AI (pictures). */
    Stability stability();

    /** Alibaba Cloud Model Studio / DashScope: Qwen-Image pictures, Wan pictures and videos. */
    Dashscope dashscope();

    /** Google Gemini API: Imagen, Gemini image editing, Veo (pictures and videos). */
    Gemini gemini();

    interface Chain {
        /**
         * Providers for text-to-image, in order. Names: stability, gemini, dashscope, local. The
         * offline renderer {@code local} always ends a chain, even where it is left out.
         */
        @WithDefault("stability,gemini,dashscope,local")
        List<String> textToImage();

        /** Providers for image-to-image, in order. */
        @WithDefault("stability,gemini,local")
        List<String> imageToImage();

        /**
         * Providers for text-to-video, in order (Stability makes no videos; Gemini's Veo id is
         * reported retired, so Gemini is left out until a current id is set: docs/PROVIDERS.md).
         */
        @WithDefault("dashscope,local")
        List<String> textToVideo();

        /** Providers for image-to-video, in order (Gemini left out, as for text-to-video). */
        @WithDefault("dashscope,local")
        List<String> imageToVideo();

        /** The configured order for {@code kind}. */
        default List<String> forKind(JobKind kind) {
            return switch (kind) {
                case TEXT_TO_IMAGE -> textToImage();
                case IMAGE_TO_IMAGE -> imageToImage();
                case TEXT_TO_VIDEO -> textToVideo();
                case IMAGE_TO_VIDEO -> imageToVideo();
            };
        }
    }

    interface Canary {
        /**
         * How often each provider with a key checks that its configured models exist, while the instance
         * is awake (env {@code AIART_PROVIDERS_CANARY_EVERY}); the first check runs in the background
         * shortly after start-up. {@code off} never checks.
         */
        @WithDefault("6h")
        String every();
    }

    interface Stability {
        /** API key (env {@code AIART_PROVIDERS_STABILITY_API_KEY}); without it Stability is not used. */
        Optional<String> apiKey();

        /** Where the Stability API answers. */
        @WithDefault("https://api.stability.ai")
        String baseUrl();

        /** Endpoint of {@code /v2beta/stable-image/generate/} used for text-to-image: core, sd3 or ultra. */
        @WithDefault("core")
        String textToImageEndpoint();

        /** Endpoint used for image-to-image; it must accept {@code mode=image-to-image} (sd3). */
        @WithDefault("sd3")
        String imageToImageEndpoint();

        /** Model sent to the sd3 endpoint: sd3.5-large, sd3.5-large-turbo, sd3.5-medium, sd3.5-flash. */
        @WithDefault("sd3.5-large")
        String sd3Model();

        /**
         * How long Stability is left alone after a 429 without {@code Retry-After}: Stability's help
         * desk says that exceeding its rate limit brings "a timeout lasting 60 seconds". Jobs go to
         * the next provider at once meanwhile.
         */
        @WithDefault("60s")
        Duration rateLimitPause();

        /** Longest wait for connecting to the API. */
        @WithDefault("5s")
        Duration connectTimeout();

        /** Longest wait for one answer (a picture is made within the request). */
        @WithDefault("60s")
        Duration timeout();
    }

    interface Dashscope {
        /** API key (env {@code AIART_PROVIDERS_DASHSCOPE_API_KEY}); without it DashScope is not used. */
        Optional<String> apiKey();

        /** Where the API answers: the international region; {@code https://dashscope.aliyuncs.com} for Beijing. */
        @WithDefault("https://dashscope-intl.aliyuncs.com")
        String baseUrl();

        /**
         * Model for text-to-image. Its name decides how it is called: a name starting with
         * {@code qwen-image} (qwen-image-plus, qwen-image-max, qwen-image-2.0-pro …) goes to
         * Qwen-Image's synchronous {@code multimodal-generation/generation} with the prompt as a
         * message; any other (wan2.2-t2i-flash …) is a Wan
         * {@code text2image/image-synthesis} task that is polled.
         */
        @WithDefault("qwen-image-plus")
        String textToImageModel();

        /**
         * Whether Qwen-Image rewrites the prompt before drawing ({@code prompt_extend}). Off, so the
         * picture follows the visitor's words and the same seed draws much the same picture; on
         * adds detail to short prompts and some seconds to each picture. Wan models are not affected.
         */
        @WithDefault("false")
        boolean qwenPromptExtend();

        /** Model for text-to-video. */
        @WithDefault("wan2.2-t2v-plus")
        String textToVideoModel();

        /** Model for image-to-video. */
        @WithDefault("wan2.2-i2v-plus")
        String imageToVideoModel();

        /** Resolution tier of videos: 480P or 1080P (wan2.2); 720P for wan2.1 models. */
        @WithDefault("480P")
        String videoResolution();

        /** Length of videos in seconds, as the model allows (wan2.2 makes 5 s only). */
        @WithDefault("5")
        int videoDuration();

        /** Longest wait for connecting to the API. */
        @WithDefault("5s")
        Duration connectTimeout();

        /**
         * Longest wait for one answer (submitting a task, polling it, downloading the result).
         * Qwen-Image draws within its request, so that one answer may take up to
         * {@code image-max-poll-time} instead.
         */
        @WithDefault("30s")
        Duration timeout();

        /** Pause between two looks at a running task. */
        @WithDefault("3s")
        Duration pollInterval();

        /** Longest wait for a picture task before giving up on it; for Qwen-Image, for its answer. */
        @WithDefault("2m")
        Duration imageMaxPollTime();

        /** Longest wait for a video task before giving up on it. */
        @WithDefault("8m")
        Duration videoMaxPollTime();

        /**
         * Tasks of one model running at once on this instance: DashScope documents 2 concurrent tasks per
         * model and account (docs/PROVIDERS.md, "Bulkheads from the services' limits"); with primary and
         * fallback serving at once, 1 on each keeps the account within it. A job that finds its model's
         * tasks taken moves to the next provider at once.
         */
        @WithDefault("2")
        int tasksPerModel();
    }

    interface Gemini {
        /** API key (env {@code AIART_PROVIDERS_GEMINI_API_KEY}); without it Gemini is not used. */
        Optional<String> apiKey();

        /** Where the Gemini API answers. */
        @WithDefault("https://generativelanguage.googleapis.com")
        String baseUrl();

        /**
         * Gemini image model for text-to-image ({@code :generateContent}); Google's changelog of
         * 6 October 2026 names {@code gemini-nano-banana-2.1} as the successor of {@code gemini-3.1-flash-image}.
         */
        @WithDefault("gemini-nano-banana-2.1")
        String imageModel();

        /** Gemini image model for image-to-image ({@code :generateContent} with the picture). */
        @WithDefault("gemini-nano-banana-2.1")
        String editModel();

        /**
         * Veo model for text-to-video and image-to-video ({@code :predictLongRunning}). Gemini is out of
         * the default video chains because this preview id is reported retired (docs/PROVIDERS.md).
         */
        @WithDefault("veo-3.1-generate-preview")
        String videoModel();

        /** Longest wait for connecting to the API. */
        @WithDefault("5s")
        Duration connectTimeout();

        /** Longest wait for one answer (a picture is made within the request). */
        @WithDefault("90s")
        Duration timeout();

        /** Pause between two looks at a running video operation. */
        @WithDefault("5s")
        Duration pollInterval();

        /** Longest wait for a video operation before giving up on it. */
        @WithDefault("8m")
        Duration videoMaxPollTime();
    }
}
