package ai.aiart.core;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Iterator;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/** Recognises what an upstream sent by its first bytes, and reads picture sizes without decoding. */
public final class MediaProbe {

    private MediaProbe() {
    }

    /** {@code image/png}, {@code image/jpeg}, {@code image/webp}, {@code video/mp4}, or null when unknown. */
    public static String contentType(Path file) {
        byte[] head = new byte[12];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, head.length);
        } catch (IOException e) {
            return null;
        }
        if (n >= 8 && (head[0] & 0xff) == 0x89 && head[1] == 'P' && head[2] == 'N' && head[3] == 'G') {
            return "image/png";
        }
        if (n >= 3 && (head[0] & 0xff) == 0xff && (head[1] & 0xff) == 0xd8 && (head[2] & 0xff) == 0xff) {
            return "image/jpeg";
        }
        if (n >= 12 && head[0] == 'R' && head[1] == 'I' && head[2] == 'F' && head[3] == 'F' && head[8] == 'W' && head[9] == 'E'
                && head[10] == 'B' && head[11] == 'P') {
            return "image/webp";
        }
        if (n >= 8 && head[4] == 'f' && head[5] == 't' && head[6] == 'y' && head[7] == 'p') {
            return "video/mp4";
        }
        return null;
    }

    /** Longest side of a trial decode: enough to read every byte, small in memory. */
    private static final int TRIAL_SIDE = 256;

    /** How long a check of an upstream's picture waits for the decode budget. */
    private static final Duration UPSTREAM_WAIT = Duration.ofSeconds(60);

    /**
     * Width and height of a picture file, or null when it cannot be read as one — including a
     * picture cut off or corrupt after its header, which a reduced-resolution decode finds. The
     * decode runs within {@code budget}; a picture too large for it is null too.
     */
    public static int[] imageSize(Path file, DecodeLimit budget) {
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            if (in == null) {
                return null;
            }
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                return null;
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                int width = reader.getWidth(0);
                int height = reader.getHeight(0);
                long cost = trialCost(file, reader.getFormatName(), width, height);
                if (!budget.fits(cost)) {
                    return null;
                }
                try (DecodeLimit.Lease lease = budget.lease(cost, UPSTREAM_WAIT)) {
                    if (lease == null) {
                        return null;
                    }
                    return decodesWhole(reader, width, height) ? new int[] {width, height} : null;
                }
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /**
     * Decodes every byte of the reader's first picture at a reduced resolution (at most
     * {@value #TRIAL_SIDE} px a side, so a huge picture costs little memory); false when the
     * file is truncated or corrupt. An exception from the decoder means the same. Run it within a
     * {@link DecodeLimit} lease of {@link #trialCost}.
     */
    public static boolean decodesWhole(ImageReader reader, int width, int height) throws IOException {
        java.util.concurrent.atomic.AtomicReference<String> warning = new java.util.concurrent.atomic.AtomicReference<>();
        reader.addIIOReadWarningListener((source, message) -> warning.compareAndSet(null, message));
        javax.imageio.ImageReadParam param = reader.getDefaultReadParam();
        int step = trialStep(width, height);
        param.setSourceSubsampling(step, step, 0, 0);
        return reader.read(0, param) != null && warning.get() == null;
    }

    private static int trialStep(int width, int height) {
        return Math.max(1, Math.max(width, height) / TRIAL_SIDE);
    }

    /** What {@link #decodesWhole} costs in memory for a picture of this format and size. */
    public static long trialCost(Path file, String format, int width, int height) {
        int step = trialStep(width, height);
        return decodeCost(file, format, width, height, ceilDiv(width, step), ceilDiv(height, step));
    }

    /**
     * The bytes a decoder allocates to read a {@code width} × {@code height} picture into a
     * {@code outWidth} × {@code outHeight} one (a subsampled read), measured for the readers this
     * backend has:
     * <ul>
     * <li>WebP (TwelveMonkeys): the whole picture as 4-byte pixels, whatever the subsampling — a
     * 4096 × 4096 lossless WebP takes 64 MB however small the file;</li>
     * <li>progressive JPEG (the JDK's libjpeg, outside the heap): every coefficient of every
     * component, 2 bytes each — 3 bytes a pixel with the usual 4:2:0 chroma sampling (a 4096 ×
     * 4096 one raised the resident memory by 54 MB), 6 with none;</li>
     * <li>baseline JPEG and PNG: a few rows of the source; the JDK reads them line by line.</li>
     * </ul>
     * The output picture (4 bytes a pixel) comes on top of each.
     */
    public static long decodeCost(Path file, String format, int width, int height, int outWidth, int outHeight) {
        long pixels = (long) width * height;
        long out = (long) outWidth * outHeight * 4;
        long rows = (long) width * 8 * 16; // 16 rows of up to 8 bytes a pixel (16-bit RGBA PNG, JPEG MCU rows)
        String f = format == null ? "" : format.toLowerCase(java.util.Locale.ROOT);
        if (f.equals("webp")) {
            return pixels * 4 + out;
        }
        if (f.equals("jpeg") || f.equals("jpg")) {
            double[] frame = jpegFrame(file);
            if (frame == null) {
                return pixels * 2 * 3 + out; // no frame header found: assume the worst
            }
            return frame[0] > 0 ? (long) Math.ceil(pixels * 2 * frame[1]) + out : rows + out;
        }
        return rows + out;
    }

    /**
     * The first JPEG frame header: {progressive 1 or 0, samples a pixel over all components (1.5
     * for 4:2:0 colour)}, or null when none is found in the first megabyte. Markers are skipped by
     * their lengths, so nothing is decoded.
     */
    static double[] jpegFrame(Path file) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long pos = 2;
            long end = Math.min(channel.size(), 1 << 20);
            ByteBuffer head = ByteBuffer.allocate(10 + 3 * 255);
            while (pos + 4 <= end) {
                head.clear().limit(4);
                channel.read(head, pos);
                if ((head.get(0) & 0xff) != 0xff) {
                    return null;
                }
                int marker = head.get(1) & 0xff;
                if (marker == 0xff) {
                    pos++; // fill byte
                    continue;
                }
                int length = ((head.get(2) & 0xff) << 8) | (head.get(3) & 0xff);
                boolean frame = marker >= 0xc0 && marker <= 0xcf && marker != 0xc4 && marker != 0xc8 && marker != 0xcc;
                if (frame) {
                    head.clear();
                    channel.read(head, pos);
                    boolean progressive = marker == 0xc2 || marker == 0xc6 || marker == 0xca || marker == 0xce;
                    int components = head.get(9) & 0xff;
                    if (components == 0 || head.position() < 10 + 3 * components) {
                        return null;
                    }
                    int hMax = 1;
                    int vMax = 1;
                    for (int c = 0; c < components; c++) {
                        int hv = head.get(11 + 3 * c) & 0xff;
                        hMax = Math.max(hMax, hv >> 4);
                        vMax = Math.max(vMax, hv & 0x0f);
                    }
                    double samples = 0;
                    for (int c = 0; c < components; c++) {
                        int hv = head.get(11 + 3 * c) & 0xff;
                        samples += (double) Math.max(1, hv >> 4) * Math.max(1, hv & 0x0f) / (hMax * vMax);
                    }
                    return new double[] {progressive ? 1 : 0, samples};
                }
                if (marker == 0xd9 || marker == 0xda || length < 2) {
                    return null; // end of image or scan data before any frame header
                }
                pos += 2 + length;
            }
            return null;
        } catch (IOException e) {
            return null;
        }
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }

    /** Frame size and length of an MP4 video, from its {@code moov} box. */
    public record VideoInfo(int width, int height, Double seconds) {
    }

    /**
     * Reads the first video track's size ({@code tkhd}) and the length ({@code mvhd}) of an MP4
     * file without decoding it; null when the file has no readable {@code moov} box.
     */
    public static VideoInfo videoInfo(Path file) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer moov = findBox(channel, 0, channel.size(), "moov");
            if (moov == null) {
                return null;
            }
            Double seconds = null;
            int width = 0;
            int height = 0;
            while (moov.remaining() >= 8) {
                int start = moov.position();
                long size = moov.getInt() & 0xffffffffL;
                String type = type(moov);
                if (size < 8 || start + size > moov.limit()) {
                    break;
                }
                ByteBuffer body = moov.slice(start + 8, (int) size - 8);
                if (type.equals("mvhd")) {
                    seconds = movieSeconds(body);
                } else if (type.equals("trak") && width == 0) {
                    int[] dims = trackSize(body);
                    if (dims != null) {
                        width = dims[0];
                        height = dims[1];
                    }
                }
                moov.position(start + (int) size);
            }
            return width > 0 && height > 0 ? new VideoInfo(width, height, seconds) : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** The body of the first top-level box of {@code type} (at most 16 MB), or null. */
    private static ByteBuffer findBox(FileChannel channel, long from, long to, String type) throws IOException {
        ByteBuffer header = ByteBuffer.allocate(16);
        long position = from;
        while (position + 8 <= to) {
            header.clear().limit(16);
            channel.read(header, position);
            header.flip();
            if (header.remaining() < 8) {
                return null;
            }
            long size = header.getInt() & 0xffffffffL;
            String boxType = type(header);
            int headerSize = 8;
            if (size == 1 && header.remaining() >= 8) {
                size = header.getLong();
                headerSize = 16;
            } else if (size == 0) {
                size = to - position;
            }
            if (size < headerSize) {
                return null;
            }
            if (boxType.equals(type)) {
                long bodySize = size - headerSize;
                if (bodySize > (16 << 20)) {
                    return null;
                }
                ByteBuffer body = ByteBuffer.allocate((int) bodySize);
                channel.read(body, position + headerSize);
                return body.flip();
            }
            position += size;
        }
        return null;
    }

    private static Double movieSeconds(ByteBuffer mvhd) {
        int version = mvhd.get(0);
        long timescale = mvhd.getInt(version == 1 ? 20 : 12) & 0xffffffffL;
        long duration = version == 1 ? mvhd.getLong(24) : mvhd.getInt(16) & 0xffffffffL;
        return timescale == 0 ? null : Math.round(duration * 1000.0 / timescale) / 1000.0;
    }

    /** Width and height of a track from its {@code tkhd} (16.16 fixed point), or null. */
    private static int[] trackSize(ByteBuffer trak) {
        while (trak.remaining() >= 8) {
            int start = trak.position();
            long size = trak.getInt() & 0xffffffffL;
            String type = type(trak);
            if (size < 8 || start + size > trak.limit()) {
                return null;
            }
            if (type.equals("tkhd")) {
                int version = trak.get(start + 8);
                int offset = start + 8 + (version == 1 ? 88 : 76);
                int width = trak.getInt(offset) >>> 16;
                int height = trak.getInt(offset + 4) >>> 16;
                return width > 0 && height > 0 ? new int[] {width, height} : null;
            }
            trak.position(start + (int) size);
        }
        return null;
    }

    private static String type(ByteBuffer buffer) {
        byte[] type = new byte[4];
        buffer.get(type);
        return new String(type, StandardCharsets.ISO_8859_1);
    }

    /** File name suffix for a content type. */
    public static String suffix(String contentType) {
        if (contentType == null) {
            return ".bin";
        }
        return switch (contentType) {
            case "image/png" -> ".png";
            case "image/jpeg" -> ".jpg";
            case "image/webp" -> ".webp";
            case "video/mp4" -> ".mp4";
            default -> ".bin";
        };
    }
}
