package ai.aiart.provider.upstream;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;


import jakarta.enterprise.context.ApplicationScoped;

import ai.aiart.core.MediaProbe;
import ai.aiart.provider.GenerationRequest;
import ai.aiart.provider.ImageProvider;
import ai.aiart.provider.MediaFiles;
import ai.aiart.provider.ProviderException;
import ai.aiart.renderer.Pictures;

/**
 * Makes a request fit what one provider accepts ({@link InputLimits}; docs/PROVIDERS.md, "Input
 * limits and fitting"): the upload scaled into the provider's sides, re-encoded into a format it
 * takes and under its byte cap; the prompts cut at a word boundary. What fits already is passed as
 * it is, byte for byte. Each change is returned as an {@link Adjustment} for the job's record.
 *
 * <p>A picture whose shape cannot fit both the shortest and the longest side (4096 × 16 where
 * sides must be 360–2000) is letterboxed: scaled so its long side fits, then centred on black bars
 * up to the shortest side. The whole upload stays in view; cropping would keep a sliver of it.
 *
 * <p>The upload is decoded within the instance's {@link DecodeBudget}, subsampled when it is to be
 * scaled down so a large upload costs little memory; the budget's lease also covers the scaled
 * picture, and both are dropped once the new file is written.
 */
@ApplicationScoped
public class InputFitting {

    /** How long a worker waits for the decode budget before handing the job to the next provider. */
    static final Duration DECODE_WAIT = Duration.ofSeconds(60);

    /** How many times a picture still over the byte cap at the lowest JPEG quality is shrunk again. */
    private static final int SHRINK_ROUNDS = 6;

    /** Each such round's scale of the sides. */
    private static final double SHRINK = 0.8;

    private final DecodeBudget decodes;

    public InputFitting(DecodeBudget decodes) {
        this.decodes = decodes;
    }

    /** One change made for a provider: {@code what} (image, prompt, negative_prompt), from and to. */
    public record Adjustment(String what, String from, String to) {
    }

    /**
     * The request as {@code provider} will take it. Delete {@link Fitted#file()} (a new upload file,
     * or null) when the provider is done.
     */
    public record Fitted(GenerationRequest request, List<Adjustment> adjustments, Path file) {

        /** Removes the file made for the provider, if any. */
        public void cleanUp() {
            if (file != null) {
                MediaFiles.deleteQuietly(file);
            }
        }
    }

    /** {@link #fit(GenerationRequest, InputLimits)} with the provider's limits for the request's kind. */
    public Fitted fit(ImageProvider provider, GenerationRequest request) {
        return fit(request, provider.inputLimits(request.kind()));
    }

    /**
     * The request fitted to {@code limits}.
     *
     * @throws ProviderException when the upload cannot be read or made to fit
     */
    public Fitted fit(GenerationRequest request, InputLimits limits) {
        List<Adjustment> changes = new ArrayList<>(3);
        String prompt = Prompts.trimStyled(request.prompt(), request.style(), limits.maxPrompt(), limits.styleInPrompt());
        if (prompt != null && !prompt.equals(request.prompt())) {
            changes.add(new Adjustment("prompt", String.valueOf(length(request.prompt())), String.valueOf(length(prompt))));
        }
        String negative = Prompts.trim(request.negativePrompt(), limits.maxNegative());
        if (negative != null && !negative.equals(request.negativePrompt())) {
            changes.add(new Adjustment("negative_prompt", String.valueOf(length(request.negativePrompt())),
                    String.valueOf(length(negative))));
        }
        GenerationRequest.InputImage input = request.input();
        GenerationRequest.InputImage fitted = input == null ? null : fitImage(input, limits);
        Path made = null;
        if (fitted != input) {
            made = fitted.file();
            changes.add(new Adjustment("image", describe(input), describe(fitted)));
        }
        if (changes.isEmpty()) {
            return new Fitted(request, List.of(), null);
        }
        return new Fitted(request.withPrompts(prompt, negative).withInput(fitted), List.copyOf(changes), made);
    }

    /** Whether the upload is taken as it is. */
    static boolean fits(GenerationRequest.InputImage input, long bytes, boolean alpha, InputLimits limits) {
        int shortSide = Math.min(input.width(), input.height());
        int longSide = Math.max(input.width(), input.height());
        return limits.takes(input.contentType()) && (limits.alphaAllowed() || !alpha)
                && shortSide >= limits.minSide() && longSide <= limits.maxSide() && bytes <= limits.maxBytes();
    }

    /**
     * The sides to scale a {@code width} × {@code height} picture to, and the canvas to place it on
     * ({@code {w, h, canvasW, canvasH}}): down when its long side is too long, up when its short side
     * is too short, keeping its shape; letterboxed when no scale fits both.
     */
    static int[] target(int width, int height, int minSide, int maxSide) {
        double scale = 1;
        int longSide = Math.max(width, height);
        int shortSide = Math.min(width, height);
        if (longSide > maxSide) {
            scale = (double) maxSide / longSide;
        }
        if (shortSide * scale < minSide) {
            scale = (double) minSide / shortSide;
        }
        if (longSide * scale > maxSide) {
            scale = (double) maxSide / longSide; // the shape cannot fit: the long side wins, bars make up the short
        }
        int w = clamp((int) Math.round(width * scale), 1, maxSide);
        int h = clamp((int) Math.round(height * scale), 1, maxSide);
        return new int[] {w, h, Math.max(w, Math.min(minSide, maxSide)), Math.max(h, Math.min(minSide, maxSide))};
    }

    private GenerationRequest.InputImage fitImage(GenerationRequest.InputImage input, InputLimits limits) {
        long bytes;
        try {
            bytes = Files.size(input.file());
        } catch (IOException e) {
            throw unreadable(e);
        }
        boolean alpha = "image/png".equals(input.contentType()) && pngHasAlpha(input.file());
        if (fits(input, bytes, alpha, limits)) {
            return input;
        }
        int[] target = target(input.width(), input.height(), limits.minSide(), limits.maxSide());
        boolean keepAlpha = alpha && limits.alphaAllowed() && limits.takes("image/png");
        for (int round = 0; round <= SHRINK_ROUNDS; round++) {
            Encoded encoded = encode(input, target, keepAlpha, limits);
            if (encoded.bytes().length <= limits.maxBytes()) {
                return write(encoded, target[2], target[3]);
            }
            int w = Math.max(1, (int) (target[0] * SHRINK));
            int h = Math.max(1, (int) (target[1] * SHRINK));
            target = new int[] {w, h, Math.max(w, limits.minSide()), Math.max(h, limits.minSide())};
        }
        throw new ProviderException("input_too_large", "The uploaded picture could not be made small enough for this service.",
                false, null);
    }

    private record Encoded(String contentType, byte[] bytes) {
    }

    /** The upload drawn at {@code target}'s size on its canvas and encoded: PNG to keep transparency, else JPEG. */
    private Encoded encode(GenerationRequest.InputImage input, int[] target, boolean keepAlpha, InputLimits limits) {
        BufferedImage canvas = draw(input, target, keepAlpha);
        try {
            if (keepAlpha || !limits.takes("image/jpeg")) {
                byte[] png = Pictures.png(canvas);
                if (png.length <= limits.maxBytes() || !limits.takes("image/jpeg")) {
                    return new Encoded("image/png", png);
                }
                canvas = opaque(canvas); // transparency costs more than the cap allows: JPEG it is
            }
            byte[] jpeg = null;
            for (float quality : Pictures.QUALITIES) {
                jpeg = Pictures.jpeg(canvas, quality);
                if (jpeg.length <= limits.maxBytes()) {
                    break;
                }
            }
            return new Encoded("image/jpeg", jpeg);
        } finally {
            canvas.flush();
        }
    }

    /** Decodes the upload (subsampled toward the target) within the budget and draws it at the target size. */
    private BufferedImage draw(GenerationRequest.InputImage input, int[] target, boolean keepAlpha) {
        // a whole step of subsampling at most halves what a smooth scale then reduces further; the lease also
        // covers the scaled picture
        return decodes.decode(input, target[0], target[1], (long) target[2] * target[3] * 4, DECODE_WAIT, source -> {
            try {
                return scaled(source, target, keepAlpha);
            } finally {
                source.flush();
            }
        });
    }

    private static BufferedImage scaled(BufferedImage source, int[] target, boolean keepAlpha) {
        BufferedImage canvas = new BufferedImage(target[2], target[3],
                keepAlpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        Graphics2D g = canvas.createGraphics();
        try {
            int x = (target[2] - target[0]) / 2;
            int y = (target[3] - target[1]) / 2;
            if (!keepAlpha) {
                g.setColor(Color.BLACK); // the letterbox's bars, if any
                g.fillRect(0, 0, target[2], target[3]);
                // transparent pixels become white, as they show on the site, rather than the black JPEG makes of them
                g.setColor(Color.WHITE);
                g.fillRect(x, y, target[0], target[1]);
            }
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.drawImage(source, x, y, target[0], target[1], null);
        } finally {
            g.dispose();
        }
        return canvas;
    }

    private static BufferedImage opaque(BufferedImage image) {
        BufferedImage rgb = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = rgb.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, image.getWidth(), image.getHeight());
            g.drawImage(image, 0, 0, null);
        } finally {
            g.dispose();
        }
        image.flush();
        return rgb;
    }

    private static GenerationRequest.InputImage write(Encoded encoded, int width, int height) {
        try {
            Path file = Files.createTempFile("aiart-fitted-", MediaProbe.suffix(encoded.contentType()));
            Files.write(file, encoded.bytes());
            return new GenerationRequest.InputImage(file, encoded.contentType(), width, height);
        } catch (IOException e) {
            throw unreadable(e);
        }
    }

    /**
     * Whether a PNG may hold transparency: an alpha channel (colour type 4 or 6) or a {@code tRNS}
     * chunk before the pixels. Read from the chunk headers, nothing decoded.
     */
    static boolean pngHasAlpha(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] signature = in.readNBytes(8);
            if (signature.length < 8) {
                return false;
            }
            for (int chunks = 0; chunks < 64; chunks++) {
                byte[] header = in.readNBytes(8);
                if (header.length < 8) {
                    return false;
                }
                long length = ByteBuffer.wrap(header, 0, 4).getInt() & 0xffffffffL;
                String type = new String(header, 4, 4, StandardCharsets.ISO_8859_1);
                if (type.equals("IHDR")) {
                    byte[] ihdr = in.readNBytes((int) Math.min(length, 13));
                    if (ihdr.length == 13 && (ihdr[9] == 4 || ihdr[9] == 6)) {
                        return true;
                    }
                    in.skipNBytes(length - ihdr.length + 4);
                    continue;
                }
                if (type.equals("tRNS")) {
                    return true;
                }
                if (type.equals("IDAT") || type.equals("IEND")) {
                    return false;
                }
                in.skipNBytes(length + 4);
            }
            return false;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** "4096x300 png 11534336": sides, format and bytes, as the job's record keeps them. */
    private static String describe(GenerationRequest.InputImage image) {
        String type = image.contentType() == null ? "unknown" : image.contentType().replace("image/", "");
        long bytes;
        try {
            bytes = Files.size(image.file());
        } catch (IOException e) {
            bytes = -1;
        }
        return image.width() + "x" + image.height() + " " + type + " " + bytes;
    }

    private static int length(String text) {
        return text == null ? 0 : text.codePointCount(0, text.length());
    }

    private static int clamp(int value, int min, int max) {
        return Math.max(min, Math.min(max, value));
    }

    private static ProviderException unreadable(Exception cause) {
        return new ProviderException("input_unreadable", "The uploaded picture could not be read.", false, cause);
    }
}
