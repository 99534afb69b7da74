package ai.aiart.provider.dashscope;

import java.util.List;
import java.util.Locale;

import ai.aiart.generation.JobKind;
import ai.aiart.provider.GenerationRequest;
import ai.aiart.provider.ProvidersConfig;
import ai.aiart.provider.dashscope.DashScopePayloads.ImageParameters;
import ai.aiart.provider.dashscope.DashScopePayloads.Input;
import ai.aiart.provider.dashscope.DashScopePayloads.SynthesisRequest;
import ai.aiart.provider.dashscope.DashScopePayloads.VideoParameters;
import ai.aiart.provider.upstream.Prompts;

/** Builds DashScope task bodies from a request: models, sizes the models accept, seeds. */
final class DashScopeRequests {

    /** Wan seeds are 0 … 2147483647. */
    private static final long SEED_BOUND = 2_147_483_648L;
    /** Sides wanx2.1-t2i accepts, in pixels. */
    private static final int MIN_SIDE = 512;
    private static final int MAX_SIDE = 1440;

    private DashScopeRequests() {
    }

    /** A task body and the size the result is expected to have. */
    record Prepared(SynthesisRequest body, int width, int height) {
    }

    static Prepared prepare(GenerationRequest request, ProvidersConfig.Dashscope config) {
        long seed = Prompts.seed(request.seed(), SEED_BOUND);
        String prompt = Prompts.styled(request.prompt(), request.style());
        String negative = request.negativePrompt() == null || request.negativePrompt().isBlank() ? null : request.negativePrompt();
        return switch (request.kind()) {
            case TEXT_TO_IMAGE -> {
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

    /** The requested size scaled into the sides the model accepts, keeping its shape. */
    static int[] imageSize(int width, int height) {
        double scale = 1;
        if (Math.min(width, height) < MIN_SIDE) {
            scale = (double) MIN_SIDE / Math.min(width, height);
        }
        if (Math.max(width, height) * scale > MAX_SIDE) {
            scale = (double) MAX_SIDE / Math.max(width, height);
        }
        int w = Math.max(MIN_SIDE, Math.min(MAX_SIDE, (int) Math.round(width * scale)));
        int h = Math.max(MIN_SIDE, Math.min(MAX_SIDE, (int) Math.round(height * scale)));
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
