package ai.aiart.generation.service;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Map;

import javax.imageio.ImageIO;

import ai.aiart.generation.UploadsConfig;
import ai.aiart.provider.upstream.DecodeBudget;
import ai.aiart.core.MediaProbe;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

import jakarta.enterprise.context.ApplicationScoped;

import ai.aiart.core.ErrorType;
import ai.aiart.core.ProblemException;
import ai.aiart.ratelimit.RateLimitConfig;

/**
 * Checks an uploaded picture before anything is stored (docs/GENERATION.md): size first, then the
 * type from the bytes themselves, then the dimensions from the header — all before any
 * pixel is decoded — and last a reduced-resolution decode that proves the file is whole.
 */
@ApplicationScoped
public class UploadInspector {

    private static final Map<String, String> FORMAT_TYPES = Map.of("png", "image/png", "jpeg", "image/jpeg", "webp", "image/webp");

    private final UploadsConfig config;
    private final String donationLink;
    private final DecodeBudget decodes;

    public UploadInspector(UploadsConfig config, RateLimitConfig limits, DecodeBudget decodes) {
        this.config = config;
        this.donationLink = limits.donationLink();
        this.decodes = decodes;
    }

    public CheckedUpload inspect(Path file, String declaredType) {
        long size = sizeOf(file);
        if (size == 0) {
            throw ProblemException.validation("The uploaded file is empty.");
        }
        if (size > config.maxBytes()) {
            throw new ProblemException(ErrorType.PAYLOAD_TOO_LARGE, "The picture is too large: at most "
                    + config.maxBytes() / (1024 * 1024) + " MB, please.");
        }
        String format = sniff(file);
        String type = FORMAT_TYPES.get(format);
        if (declaredType != null && !declaredType.isBlank() && !"application/octet-stream".equals(declaredType)
                && !declaredType.equalsIgnoreCase(type) && !("image/jpg".equalsIgnoreCase(declaredType) && "jpeg".equals(format))) {
            throw new ProblemException(ErrorType.UNSUPPORTED_MEDIA_TYPE, "The file is labelled " + declaredType
                    + " but is really a " + format.toUpperCase(java.util.Locale.ROOT) + " picture. Please upload it again as it is.");
        }
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            ImageReader reader = readerFor(format, in);
            try {
                reader.setInput(in, true, true);
                int width = reader.getWidth(0);
                int height = reader.getHeight(0);
                int maxSide = config.maxSide();
                if (width > maxSide || height > maxSide) {
                    throw ProblemException.validation("The picture is " + width + " × " + height
                            + " pixels: at most " + maxSide + " pixels a side, please.");
                }
                if (width < 16 || height < 16) {
                    throw ProblemException.validation("The picture is too small: at least 16 pixels a side, please.");
                }
                if (!decodesWhole(file, format, reader, width, height)) {
                    throw damaged();
                }
                return new CheckedUpload(file, type, width, height, size, sha256(file));
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof ProblemException problem) {
                throw problem;
            }
            throw damaged();
        }
    }

    /**
     * The trial decode, within the decode budget: a picture whose decoder would need more memory
     * than the whole budget is refused (413), one that finds it taken waits for it, and is refused
     * (503, Retry-After) when it stays taken.
     */
    private boolean decodesWhole(Path file, String format, ImageReader reader, int width, int height) throws IOException {
        long cost = MediaProbe.trialCost(file, format, width, height);
        if (!decodes.fits(cost)) {
            long perPixel = Math.max(1, cost / Math.max(1, (long) width * height));
            long megapixels = decodes.capacity() / perPixel / 1_000_000;
            throw new ProblemException(ErrorType.PAYLOAD_TOO_LARGE, "The picture is " + width + " × " + height
                    + " pixels, more than we can read at once: at most about " + megapixels
                    + " megapixels for a picture like this one (a baseline JPEG or a PNG may be larger), please.");
        }
        try (DecodeBudget.Lease lease = decodes.lease(cost, config.decodeWait())) {
            if (lease == null) {
                long retry = Math.max(1, config.decodeWait().toSeconds());
                throw new ProblemException(ErrorType.RESOURCE_LIMIT, "AiArt is busy reading other pictures right now. "
                        + "Please try again in " + retry + " seconds.", retry, donationLink, Map.of());
            }
            return MediaProbe.decodesWhole(reader, width, height);
        }
    }

    /** Reads the format from the first bytes; 415 for anything but PNG, JPEG and WebP. */
    static String sniff(Path file) {
        byte[] head = new byte[12];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, head.length);
        } catch (IOException e) {
            throw damaged();
        }
        if (n >= 8 && (head[0] & 0xff) == 0x89 && head[1] == 'P' && head[2] == 'N' && head[3] == 'G'
                && head[4] == 0x0d && head[5] == 0x0a && head[6] == 0x1a && head[7] == 0x0a) {
            return "png";
        }
        if (n >= 3 && (head[0] & 0xff) == 0xff && (head[1] & 0xff) == 0xd8 && (head[2] & 0xff) == 0xff) {
            return "jpeg";
        }
        if (n >= 12 && head[0] == 'R' && head[1] == 'I' && head[2] == 'F' && head[3] == 'F'
                && head[8] == 'W' && head[9] == 'E' && head[10] == 'B' && head[11] == 'P') {
            return "webp";
        }
        throw new ProblemException(ErrorType.UNSUPPORTED_MEDIA_TYPE, "Please upload a PNG, JPEG or WebP picture.");
    }

    private static ImageReader readerFor(String format, ImageInputStream in) {
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format);
        if (!readers.hasNext() || in == null) {
            throw damaged();
        }
        return readers.next();
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw damaged();
        }
    }

    private static String sha256(Path file) throws IOException {
        try (DigestInputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(in.getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ProblemException damaged() {
        return ProblemException.validation("The picture could not be read: it may be damaged or incomplete.");
    }
}
