package ai.aiart.provider.dashscope;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import ai.aiart.core.JobKind;
import ai.aiart.provider.GenerationRequest;
import ai.aiart.provider.ProvidersConfig;
import ai.aiart.provider.dashscope.DashScopePayloads.ImageParameters;
import ai.aiart.provider.dashscope.DashScopePayloads.Input;
import ai.aiart.provider.dashscope.DashScopePayloads.Messages;
import ai.aiart.provider.dashscope.DashScopePayloads.MultimodalRequest;
import ai.aiart.provider.dashscope.DashScopePayloads.QwenImageParameters;
import ai.aiart.provider.dashscope.DashScopePayloads.SynthesisRequest;
import ai.aiart.provider.dashscope.DashScopePayloads.VideoParameters;
import ai.aiart.provider.upstream.Prompts;

/**
 * Builds DashScope request bodies from a request: models, sizes the models accept, seeds. The
 * text-to-image model's name decides the wire shape: {@code qwen-image…} is Qwen-Image's
 * synchronous multimodal generation, any other name a Wan image-synthesis task.
 */
final class DashScopeRequests {

    /** Wan and Qwen-Image seeds are 0 … 2147483647. */
    private static final long SEED_BOUND = 2_147_483_648L;
    /** Sides Wan's text-to-image models (wan2.2-t2i-flash, wanx2.1-t2i-turbo …) accept, in pixels. */
    private static final int MIN_SIDE = 512;
    private static final int MAX_SIDE = 1440;
    /** Sides qwen-image-2.x and qwen-image-3.x accept: any, with 512*512 … 2048*2048 pixels in all. */
    private static final int QWEN2_MIN_SIDE = 512;
    private static final int QWEN2_MAX_SIDE = 2048;
    /** The only sizes qwen-image, qwen-image-plus and qwen-image-max draw, by shape (docs/PROVIDERS.md). */
    private static final Map<String, int[]> QWEN_SIZES = new LinkedHashMap<>();

    static {
        QWEN_SIZES.put("16:9", new int[] {1664, 928});
        QWEN_SIZES.put("4:3", new int[] {1472, 1104});
        QWEN_SIZES.put("1:1", new int[] {1328, 1328});
        QWEN_SIZES.put("3:4", new int[] {1104, 1472});
        QWEN_SIZES.put("9:16", new int[] {928, 1664});
    }

    private DashScopeRequests() {
    }

    /**
     * A Wan task body or a Qwen-Image body (exactly one is set) and the size the result is
     * expected to have.
     */
    record Prepared(SynthesisRequest body, MultimodalRequest qwenImage, int width, int height) {

        Prepared(SynthesisRequest body, int width, int height) {
            this(body, null, width, height);
        }

        /** Qwen-Image answers within the request; everything else is a task to poll. */
        boolean synchronous() {
            return qwenImage != null;
        }
    }

    /** Whether {@code model} is a Qwen-Image model (qwen-image, qwen-image-plus, qwen-image-max, qwen-image-2.0-pro …). */
    static boolean isQwenImage(String model) {
        return model != null && model.toLowerCase(Locale.ROOT).startsWith("qwen-image");
    }

    static Prepared prepare(GenerationRequest request, ProvidersConfig.Dashscope config) {
        long seed = Prompts.seed(request.seed(), SEED_BOUND);
        String prompt = Prompts.styled(request.prompt(), request.style());
        String negative = request.negativePrompt();
        return switch (request.kind()) {
            case TEXT_TO_IMAGE -> {
                if (isQwenImage(config.textToImageModel())) {
                    int[] size = qwenImageSize(config.textToImageModel(), request.aspectRatio(), request.width(), request.height());
                    yield new Prepared(null, new MultimodalRequest(config.textToImageModel(), Messages.prompt(prompt),
                            new QwenImageParameters(negative, size[0] + "*" + size[1], 1, config.qwenPromptExtend(), false, seed)),
                            size[0], size[1]);
                }
                int[] size = imageSize(request.width(), request.height());
                yield new Prepared(new SynthesisRequest(config.textToImageModel(), new Input(prompt, negative, null),
                        new ImageParameters(size[0] + "*" + size[1], 1, seed)), size[0], size[1]);
            }
            case TEXT_TO_VIDEO -> {
                int[] size = videoSize(request.aspectRatio(), config.videoResolution());
                yield new Prepared(new SynthesisRequest(config.textToVideoModel(), new Input(prompt, negative, null),
                        new VideoParameters(size[0] + "*" + size[1], null, config.videoDuration(), seed)), size[0], size[1]);
            }
            case IMAGE_TO_VIDEO -> {
                int[] size = videoSizeLike(request.input(), config.videoResolution());
                yield new Prepared(new SynthesisRequest(config.imageToVideoModel(),
                        new Input(prompt, negative, Prompts.dataUri(request.input())),
                        new VideoParameters(null, config.videoResolution(), config.videoDuration(), seed)), size[0], size[1]);
            }
            case IMAGE_TO_IMAGE -> throw new IllegalArgumentException("DashScope is not set up for " + JobKind.IMAGE_TO_IMAGE.wire());
        };
    }

    /** The requested size scaled into the sides the Wan model accepts, keeping its shape. */
    static int[] imageSize(int width, int height) {
        return fitSides(width, height, MIN_SIDE, MAX_SIDE);
    }

    /**
     * The size to ask a Qwen-Image model for: qwen-image-2.x and 3.x take the requested size (scaled
     * into their sides); the others draw five sizes only, so the one nearest the requested shape.
     */
    static int[] qwenImageSize(String model, String aspectRatio, int width, int height) {
        String name = model.toLowerCase(Locale.ROOT);
        if (name.startsWith("qwen-image-2") || name.startsWith("qwen-image-3")) {
            return fitSides(width, height, QWEN2_MIN_SIDE, QWEN2_MAX_SIDE);
        }
        String shape = Prompts.nearestRatio(aspectRatio != null ? aspectRatio : width + ":" + height,
                List.copyOf(QWEN_SIZES.keySet()));
        return QWEN_SIZES.get(shape).clone();
    }

    private static int[] fitSides(int width, int height, int minSide, int maxSide) {
        double scale = 1;
        if (Math.min(width, height) < minSide) {
            scale = (double) minSide / Math.min(width, height);
        }
        if (Math.max(width, height) * scale > maxSide) {
            scale = (double) maxSide / Math.max(width, height);
        }
        int w = Math.max(minSide, Math.min(maxSide, (int) Math.round(width * scale)));
        int h = Math.max(minSide, Math.min(maxSide, (int) Math.round(height * scale)));
        return new int[] {w, h};
    }

    /** One of the sizes Wan text-to-video makes at a resolution tier: landscape, portrait or square. */
    static int[] videoSize(String aspectRatio, String resolution) {
        String shape = Prompts.nearestRatio(aspectRatio, List.of("16:9", "9:16", "1:1"));
        int[] base = switch (resolution.toUpperCase(Locale.ROOT)) {
            case "1080P" -> new int[] {1920, 1080, 1440};
            case "720P" -> new int[] {1280, 720, 960};
            default -> new int[] {832, 480, 624};
        };
        return switch (shape) {
            case "16:9" -> new int[] {base[0], base[1]};
            case "9:16" -> new int[] {base[1], base[0]};
            default -> new int[] {base[2], base[2]};
        };
    }

    /** Image-to-video keeps the picture's shape, with its short side at the tier (480P → 480). */
    static int[] videoSizeLike(GenerationRequest.InputImage input, String resolution) {
        int shortSide;
        try {
            shortSide = Integer.parseInt(resolution.replaceAll("[^0-9]", ""));
        } catch (NumberFormatException e) {
            shortSide = 480;
        }
        int w = Math.max(1, input.width());
        int h = Math.max(1, input.height());
        return w >= h ? new int[] {(int) Math.round((double) shortSide * w / h / 2) * 2, shortSide}
                : new int[] {shortSide, (int) Math.round((double) shortSide * h / w / 2) * 2};
    }
}
