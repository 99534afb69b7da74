package ai.aiart.provider.local;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

import org.jcodec.api.SequenceEncoder;
import org.jcodec.common.Codec;
import org.jcodec.common.Format;
import org.jcodec.common.io.NIOUtils;
import org.jcodec.common.io.SeekableByteChannel;
import org.jcodec.common.model.ColorSpace;
import org.jcodec.common.model.Picture;
import org.jcodec.common.model.Rational;

/** Writes frames into an H.264 MP4 file with jcodec (pure Java). */
final class Mp4Writer implements AutoCloseable {

    private final SeekableByteChannel channel;
    private final SequenceEncoder encoder;
    private Picture picture;

    Mp4Writer(Path file, int fps) {
        try {
            channel = NIOUtils.writableChannel(file.toFile());
            encoder = new SequenceEncoder(channel, Rational.R(fps, 1), Format.MOV, Codec.H264, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void add(BufferedImage frame) {
        int w = frame.getWidth();
        int h = frame.getHeight();
        if (picture == null) {
            picture = Picture.create(w, h, ColorSpace.RGB);
        }
        byte[] data = picture.getPlaneData(0);
        int[] row = new int[w];
        int i = 0;
        for (int y = 0; y < h; y++) {
            frame.getRGB(0, y, w, 1, row, 0, w);
            for (int x = 0; x < w; x++) {
                int rgb = row[x];
                // jcodec keeps samples as signed bytes centred on 0
                data[i++] = (byte) (((rgb >> 16) & 0xff) - 128);
                data[i++] = (byte) (((rgb >> 8) & 0xff) - 128);
                data[i++] = (byte) ((rgb & 0xff) - 128);
            }
        }
        try {
            encoder.encodeNativeFrame(picture);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            encoder.finish();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            NIOUtils.closeQuietly(channel);
        }
    }
}
