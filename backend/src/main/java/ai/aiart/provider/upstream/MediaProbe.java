package ai.aiart.provider.upstream;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
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

    /**
     * Width and height of a picture file, or null when it cannot be read as one — including a
     * picture cut off or corrupt after its header, which a reduced-resolution decode finds.
     */
    public static int[] imageSize(Path file) {
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
                return decodesWhole(reader, width, height) ? new int[] {width, height} : null;
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
     * file is truncated or corrupt. An exception from the decoder means the same.
     */
    public static boolean decodesWhole(ImageReader reader, int width, int height) throws IOException {
        java.util.concurrent.atomic.AtomicReference<String> warning = new java.util.concurrent.atomic.AtomicReference<>();
        reader.addIIOReadWarningListener((source, message) -> warning.compareAndSet(null, message));
        javax.imageio.ImageReadParam param = reader.getDefaultReadParam();
        int step = Math.max(1, Math.max(width, height) / TRIAL_SIDE);
        param.setSourceSubsampling(step, step, 0, 0);
        return reader.read(0, param) != null && warning.get() == null;
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
