package ai.aiart.support;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.CRC32;

import javax.imageio.ImageIO;

/** Pictures for upload tests, made on the spot. */
public final class TestImages {

    private TestImages() {
    }

    /** A gradient picture encoded as {@code format} (png, jpg). */
    public static byte[] picture(int width, int height, String format) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setPaint(new GradientPaint(0, 0, new Color(30, 90, 200), width, height, new Color(240, 180, 60)));
        g.fillRect(0, 0, width, height);
        g.setColor(Color.WHITE);
        g.fillOval(width / 4, height / 4, width / 2, height / 2);
        g.dispose();
        return encode(image, format);
    }

    /** Random pixels: a PNG that does not compress, about 3 bytes a pixel. */
    public static byte[] noisePng(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(1);
        int[] pixels = new int[width];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                pixels[x] = random.nextInt(0x1000000);
            }
            image.setRGB(0, y, width, 1, pixels, 0, width);
        }
        return encode(image, "png");
    }

    /**
     * A tiny file whose PNG header claims {@code width × height}: a decompression bomb as far
     * as a careless decoder is concerned.
     */
    public static byte[] pngHeaderClaiming(int width, int height) {
        ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(width).putInt(height)
                .put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a});
        chunk(out, "IHDR", ihdr.array());
        chunk(out, "IDAT", new byte[] {0x78, (byte) 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01});
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    /** The first {@code fraction} of the bytes. */
    public static byte[] truncated(byte[] bytes, double fraction) {
        return Arrays.copyOf(bytes, (int) (bytes.length * fraction));
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        byte[] name = type.getBytes(StandardCharsets.US_ASCII);
        out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        out.writeBytes(name);
        out.writeBytes(data);
        CRC32 crc = new CRC32();
        crc.update(name);
        crc.update(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    private static byte[] encode(BufferedImage image, String format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, format, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * A decompression bomb: a lossless WebP (VP8L) of {@code width} × {@code height} black pixels in
     * under 50 bytes. Its five prefix codes each have one symbol, so a pixel costs no bits at all,
     * yet a decoder allocates the whole picture (4 bytes a pixel).
     */
    public static byte[] losslessWebp(int width, int height) {
        Bits bits = new Bits();
        bits.out.write(0x2f); // VP8L signature
        bits.put(width - 1, 14);
        bits.put(height - 1, 14);
        bits.put(1, 1); // alpha used
        bits.put(0, 3); // version 0
        bits.put(0, 1); // no transform
        bits.put(0, 1); // no colour cache
        bits.put(0, 1); // no meta prefix codes
        for (int code = 0; code < 5; code++) {
            bits.put(1, 1); // a simple code
            bits.put(0, 1); // of one symbol
            bits.put(0, 1); // written in one bit
            bits.put(0, 1); // symbol 0
        }
        bits.flush();
        bits.out.writeBytes(new byte[16]); // decoders read ahead by whole words
        byte[] vp8l = bits.out.toByteArray();
        int pad = vp8l.length % 2;
        ByteBuffer file = ByteBuffer.allocate(20 + vp8l.length + pad).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        file.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(12 + vp8l.length + pad)
                .put("WEBP".getBytes(StandardCharsets.US_ASCII)).put("VP8L".getBytes(StandardCharsets.US_ASCII))
                .putInt(vp8l.length).put(vp8l);
        return file.array();
    }

    /** A least-significant-bit-first bit writer, as VP8L is written. */
    private static final class Bits {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private long pending;
        private int count;

        void put(long value, int n) {
            pending |= (value & ((1L << n) - 1)) << count;
            count += n;
            while (count >= 8) {
                out.write((int) (pending & 0xff));
                pending >>>= 8;
                count -= 8;
            }
        }

        void flush() {
            if (count > 0) {
                out.write((int) pending);
                pending = 0;
                count = 0;
            }
        }
    }
}
