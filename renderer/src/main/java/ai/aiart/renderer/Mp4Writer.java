package ai.aiart.renderer;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;

import org.jcodec.codecs.h264.H264Encoder;
import org.jcodec.codecs.h264.encode.RateControl;
import org.jcodec.codecs.h264.io.model.SliceType;
import org.jcodec.common.Codec;
import org.jcodec.common.MuxerTrack;
import org.jcodec.common.VideoCodecMeta;
import org.jcodec.common.VideoEncoder;
import org.jcodec.common.io.NIOUtils;
import org.jcodec.common.io.SeekableByteChannel;
import org.jcodec.common.model.ColorSpace;
import org.jcodec.common.model.Packet;
import org.jcodec.common.model.Picture;
import org.jcodec.common.model.Size;
import org.jcodec.containers.mp4.muxer.MP4Muxer;
import org.jcodec.scale.ColorUtil;
import org.jcodec.scale.Transform;

/**
 * Writes frames into an H.264 MP4 file with jcodec (pure Java), at fixed quantisers.
 *
 * <p>jcodec's own sequence encoder codes every picture at quantiser 20, which made a 4-second
 * offline video of a busy scene 1.2–2.4 MB, against about 130 KB for a picture: a few videos
 * took the results budget's room of a hundred pictures. {@link #I_QP} for the key pictures and
 * {@link #P_QP} for the pictures predicted from them take 22–45 % fewer bytes on the cases
 * measured and keep every frame at 32 dB luma PSNR or more (VideosTest; docs/PROVIDERS.md,
 * "What the offline renderer stores").
 */
final class Mp4Writer implements AutoCloseable {

    /** Quantiser of key (I) pictures: each step of 6 halves the bits of a picture. */
    static final int I_QP = 26;
    /** Quantiser of predicted (P) pictures, coarser than the key pictures they are predicted from. */
    static final int P_QP = 29;

    /** Every picture at its slice type's quantiser; no change within a picture. */
    private record FixedQuantiser(int iQp, int pQp) implements RateControl {
        @Override
        public int startPicture(Size size, int maxSize, SliceType type) {
            return type == SliceType.I ? iQp : pQp;
        }

        @Override
        public int initialQpDelta() {
            return 0;
        }

        @Override
        public int accept(int bits) {
            return 0;
        }
    }

    private final SeekableByteChannel channel;
    private final MP4Muxer muxer;
    private final H264Encoder encoder;
    private final int fps;
    private MuxerTrack track;
    private Picture rgb;
    private Picture yuv;
    private Transform toYuv;
    private ByteBuffer out;
    private int frameNo;

    Mp4Writer(Path file, int fps) {
        this(file, fps, I_QP, P_QP);
    }

    /** At other quantisers (tests compare). */
    Mp4Writer(Path file, int fps, int iQp, int pQp) {
        this.fps = fps;
        this.encoder = new H264Encoder(new FixedQuantiser(iQp, pQp));
        try {
            channel = NIOUtils.writableChannel(file.toFile());
            muxer = MP4Muxer.createMP4MuxerToChannel(channel);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void add(BufferedImage frame) {
        int w = frame.getWidth();
        int h = frame.getHeight();
        if (rgb == null) {
            rgb = Picture.create(w, h, ColorSpace.RGB);
            yuv = Picture.create(w, h, ColorSpace.YUV420J);
            toYuv = ColorUtil.getTransform(ColorSpace.RGB, ColorSpace.YUV420J);
            out = ByteBuffer.allocate(encoder.estimateBufferSize(yuv));
            track = muxer.addVideoTrack(Codec.H264, VideoCodecMeta.createSimpleVideoCodecMeta(new Size(w, h), ColorSpace.YUV420J));
        }
        byte[] data = rgb.getPlaneData(0);
        int[] row = new int[w];
        int i = 0;
        for (int y = 0; y < h; y++) {
            frame.getRGB(0, y, w, 1, row, 0, w);
            for (int x = 0; x < w; x++) {
                int pixel = row[x];
                // jcodec keeps samples as signed bytes centred on 0
                data[i++] = (byte) (((pixel >> 16) & 0xff) - 128);
                data[i++] = (byte) (((pixel >> 8) & 0xff) - 128);
                data[i++] = (byte) ((pixel & 0xff) - 128);
            }
        }
        toYuv.transform(rgb, yuv);
        out.clear();
        VideoEncoder.EncodedFrame encoded = encoder.encodeFrame(yuv, out);
        try {
            track.addFrame(Packet.createPacket(NIOUtils.clone(encoded.getData()), frameNo, fps, 1, frameNo,
                    encoded.isKeyFrame() ? Packet.FrameType.KEY : Packet.FrameType.INTER, null));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        frameNo++;
    }

    @Override
    public void close() {
        try {
            muxer.finish();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            NIOUtils.closeQuietly(channel);
        }
    }
}
