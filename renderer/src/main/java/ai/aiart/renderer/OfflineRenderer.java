package ai.aiart.renderer;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.function.DoubleConsumer;

/**
 * The built-in offline renderer: pictures, restyled uploads and short videos drawn from a prompt's
 * words and a seed, with the JDK alone (and jcodec for H.264), so that AiArt makes something on a
 * machine with no AI service configured and no network (renderer/README.md).
 *
 * <p>It reads the prompt's words (time of day, weather, terrain, colours, moods, style words; the
 * vocabulary is in this package's word lists, {@link WordLists}), plans a stylised landscape
 * (gradient sky, sun or moon, clouds, layered ridgelines, water with reflections, trees, cities,
 * particles) and paints it, then applies the chosen rendering style. Everything is deterministic:
 * the same arguments give identical pixels. The seed changes the arrangement; the prompt alone
 * decides the palette and mood. Instances are stateless and thread-safe; no text is drawn, so no
 * fonts are needed and it runs headless.
 *
 * <p>The API, in two layers:
 * <ul>
 *   <li>what a caller stores: {@link #picture} (text to picture), {@link #restyledPicture} (an
 *       uploaded picture restyled after a prompt), both encoded compactly ({@link Picture}:
 *       JPEG, pixel art as PNG), and {@link #video} (an H.264 MP4 of the scene in gentle motion);
 *   <li>the pixels, for callers that encode them their own way: {@link #render}, {@link #restyle},
 *       {@link #renderFrame}.
 * </ul>
 * Sizes are plain widths and heights (1..{@value #MAX_SIDE}); the caller turns its aspect ratios,
 * decodes uploads (within whatever memory budget it keeps) and maps {@link RenderStoppedException}
 * and the {@link IllegalArgumentException}s of bad arguments to its own errors.
 */
public final class OfflineRenderer {

    /** Largest accepted side, a guard against accidental huge allocations. */
    public static final int MAX_SIDE = 4096;

    private static final Set<String> STYLES = Set.of("photographic", "digital-art", "anime", "watercolor",
            "oil-painting", "pixel-art", "neon-punk", "low-poly", "line-art");

    /** Creates a renderer; it holds no state. */
    public OfflineRenderer() {
    }

    /**
     * A picture for the prompt, ready to store: {@link #render} encoded by {@link Pictures} (JPEG;
     * PNG for pixel art when that is smaller). Deterministic, like the pixels.
     *
     * @param prompt what to draw (null is treated as empty)
     * @param negativePrompt words whose elements to leave out; may be null
     * @param style one of the site's styles, or null / "none" (see {@link #render})
     * @param seed varies the arrangement but not the palette
     * @param width output width in pixels, 1..4096
     * @param height output height in pixels, 1..4096
     */
    public Picture picture(String prompt, String negativePrompt, String style, long seed, int width, int height) {
        return Pictures.encode(render(prompt, negativePrompt, style, seed, width, height),
                "pixel-art".equals(styleFor(prompt, negativePrompt, style)));
    }

    /**
     * An uploaded picture restyled after the prompt, ready to store: {@link #restyle} encoded as
     * {@link #picture} is. The negative prompt plays no part in a restyle.
     */
    public Picture restyledPicture(BufferedImage source, String prompt, String style, double strength, long seed,
            int width, int height) {
        return Pictures.encode(restyle(source, prompt, style, strength, seed, width, height),
                "pixel-art".equals(styleFor(prompt, null, style)));
    }

    /**
     * A short H.264 MP4 of the prompt's scene in gentle motion ({@link #renderFrame}), written to
     * {@code file}; from an upload ({@code start} not null) the video opens on the picture and
     * slowly restyles it toward the prompt's scene (strength 0 to 0.85). It has
     * {@code max(2, seconds * fps)} frames. The negative prompt plays no part in a video.
     *
     * <p>Before each frame it checks whether the thread was interrupted (the caller's job was
     * stopped) and then throws {@link RenderStoppedException}. On any exception the file may hold
     * part of a video: the caller deletes it.
     *
     * @param file where to write; created or overwritten
     * @param start the first picture for a video from an upload, any size (cover-scaled); null for
     *     a video from the prompt alone
     * @param progress told the share of frames done (0..1), about ten times a video
     */
    public Video video(Path file, String prompt, String style, long seed, int width, int height, BufferedImage start,
            int seconds, int fps, DoubleConsumer progress) {
        int frames = Math.max(2, seconds * fps);
        String text = prompt == null ? "" : prompt;
        try (Mp4Writer writer = new Mp4Writer(file, fps)) {
            for (int i = 0; i < frames; i++) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new RenderStoppedException();
                }
                writer.add(start == null
                        ? renderFrame(text, style, seed, width, height, i, frames)
                        : restyle(start, text, style, 0.85 * i / (frames - 1), seed, width, height));
                if (i % Math.max(1, frames / 10) == 0) {
                    progress.accept((double) i / frames);
                }
            }
        }
        return new Video(file, width, height, frames, fps);
    }

    /**
     * Draws a picture for the prompt. Deterministic: same arguments give identical pixels.
     *
     * @param prompt what to draw; its words drive scene, palette and mood (null is treated as empty)
     * @param negativePrompt words whose elements to leave out (e.g. "clouds"); may be null
     * @param style one of the site's styles ("photographic", "digital-art", "anime", "watercolor",
     *     "oil-painting", "pixel-art", "neon-punk", "low-poly", "line-art"), or null / "none"
     * @param seed varies the arrangement (shapes, positions) but not the palette
     * @param width output width in pixels, 1..4096
     * @param height output height in pixels, 1..4096
     * @return a new {@code TYPE_INT_RGB} image of {@code width x height}
     */
    public BufferedImage render(String prompt, String negativePrompt, String style, long seed, int width, int height) {
        checkSize(width, height);
        return paint(prompt, negativePrompt, style, seed, width, height, 0);
    }

    /**
     * Image-to-image: restyles {@code source} after the prompt. The source is scaled and cropped to
     * cover the output, graded toward the prompt's palette, given the style's treatment and blended
     * with elements of the prompt's scene, all in proportion to {@code strength}. Deterministic.
     *
     * @param source the picture to restyle (any image type)
     * @param prompt drives the palette, mood and scene elements
     * @param style as in {@link #render}; may be null
     * @param strength 0..1 (clamped): 0 keeps the cover-scaled source almost unchanged, 1 restyles strongly
     * @param seed varies the arrangement of the blended scene elements
     * @param width output width in pixels, 1..4096
     * @param height output height in pixels, 1..4096
     * @return a new {@code TYPE_INT_RGB} image of {@code width x height}
     */
    public BufferedImage restyle(BufferedImage source, String prompt, String style, double strength, long seed,
            int width, int height) {
        checkSize(width, height);
        if (source == null) {
            throw new IllegalArgumentException("source image is required");
        }
        double k = Double.isNaN(strength) ? 0 : Math.max(0, Math.min(1, strength));
        PromptFeatures f = PromptFeatures.parse(prompt, null);
        String st = normalizeStyle(style, f);
        return Restyler.restyle(source, f, st, k, seed, width, height);
    }

    /**
     * Frame {@code frame} of {@code frameCount} of a short animation of the prompt's scene: the
     * same scene as {@link #render} (frame 0 equals {@code render(prompt, null, style, seed, width, height)}),
     * with gentle motion: drifting clouds, a slowly moving sun, water shimmer, parallax of the land
     * layers, twinkling stars and falling rain or snow. Deterministic.
     *
     * @param frame index from 0 to {@code frameCount - 1}
     * @param frameCount number of frames in the whole animation, at least 1
     * @return a new {@code TYPE_INT_RGB} image of {@code width x height}
     */
    public BufferedImage renderFrame(String prompt, String style, long seed, int width, int height, int frame,
            int frameCount) {
        checkSize(width, height);
        if (frameCount < 1 || frame < 0 || frame >= frameCount) {
            throw new IllegalArgumentException("frame must be in 0.." + (frameCount - 1) + " and frameCount >= 1");
        }
        return paint(prompt, null, style, seed, width, height, frame / (double) frameCount);
    }

    private static void checkSize(int width, int height) {
        if (width < 1 || height < 1 || width > MAX_SIDE || height > MAX_SIDE) {
            throw new IllegalArgumentException("width and height must be in 1.." + MAX_SIDE);
        }
    }

    /**
     * The style a picture for these arguments is drawn in: {@code style} when it is one of the
     * site's, else the one the prompt's words name, else null.
     */
    static String styleFor(String prompt, String negativePrompt, String style) {
        return normalizeStyle(style, PromptFeatures.parse(prompt, negativePrompt));
    }

    /** The site style to apply: the explicit one, else one named by the prompt's words, else null. */
    static String normalizeStyle(String style, PromptFeatures f) {
        String s = style == null ? "" : style.trim().toLowerCase(Locale.ROOT).replace('_', '-').replace(' ', '-');
        if (STYLES.contains(s)) {
            return s;
        }
        return f.impliedStyle();
    }

    static BufferedImage paint(String prompt, String negative, String style, long seed, int w, int h, double phase) {
        PromptFeatures f = PromptFeatures.parse(prompt, negative);
        String st = normalizeStyle(style, f);
        Palette p = Palette.of(f);
        StyleFilters.adjustPalette(p, st);
        if ("pixel-art".equals(st)) {
            int block = Math.max(2, (int) Math.round(Math.max(w, h) / 160.0));
            int sw = Math.max(8, (w + block - 1) / block), sh = Math.max(8, (h + block - 1) / block);
            Scene s = new Scene(f, p, st, seed, sw, sh, phase);
            Canvas small = new Canvas(sw, sh, false);
            Composer.paint(small, s);
            Finish.grade(small, p, p.vignette * 0.6, 0, s.seed);
            StyleFilters.pixelate(small, s);
            return upscale(small, w, h);
        }
        Scene s = new Scene(f, p, st, seed, w, h, phase);
        Canvas c = new Canvas(w, h, true);
        Composer.paint(c, s);
        StyleFilters.apply(c, s);
        return c.img;
    }

    private static BufferedImage upscale(Canvas small, int w, int h) {
        Canvas out = new Canvas(w, h, false);
        int[] xs = new int[w];
        for (int x = 0; x < w; x++) {
            xs[x] = Math.min(small.w - 1, x * small.w / w);
        }
        for (int y = 0; y < h; y++) {
            int sy = Math.min(small.h - 1, y * small.h / h);
            int row = sy * small.w;
            for (int x = 0; x < w; x++) {
                out.px[y * w + x] = small.px[row + xs[x]];
            }
        }
        return out.img;
    }
}
