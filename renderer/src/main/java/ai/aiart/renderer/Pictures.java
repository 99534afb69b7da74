package ai.aiart.renderer;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOInvalidTreeException;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.plugins.jpeg.JPEGImageWriteParam;
import javax.imageio.stream.ImageOutputStream;

import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * How the offline renderer's pictures are stored: compact, and looking the same as the render.
 *
 * <p>A picture is a baseline JPEG (JDK ImageIO only) at {@link #QUALITY}, chroma subsampled
 * 4:2:0, with optimized Huffman tables: a 1024 × 1024 picture that was 0.6–2.4 MB as PNG is
 * 90–330 KB here. A picture that would still be larger than {@link #MAX_BYTES_PER_MEGAPIXEL}
 * (dense line art) is written at the next lower quality of {@link #QUALITIES}. Pixel art, flat
 * blocks of colour, is kept as PNG when that is smaller, which it is by far, and then lossless.
 * {@code PicturesTest} holds every style to a luma PSNR of {@link #MIN_PSNR_DB} against the
 * lossless render and to the size bound; docs/PROVIDERS.md has the measured figures.
 *
 * <p>The encoders ({@link #jpeg}, {@link #png}) and {@link #QUALITIES} are public: the backend
 * re-encodes an upload that an upstream service does not take with them, at the same qualities
 * (docs/PROVIDERS.md, "Input limits and fitting").
 */
public final class Pictures {

    /**
     * ImageIO quality, 0..1. At 0.9 the finest detail the renderer draws (grain, strokes, stars)
     * stays above {@link #MIN_PSNR_DB}; 0.85 lost it visibly on grain and hatching (34–36 dB).
     */
    static final float QUALITY = 0.90f;

    /** The qualities tried in turn until the picture fits {@link #MAX_BYTES_PER_MEGAPIXEL}. */
    public static final float[] QUALITIES = {QUALITY, 0.85f, 0.80f};

    /** The stored size a 1024 × 1024 picture may take; scaled by area for other sizes. */
    static final long MAX_BYTES_PER_MEGAPIXEL = 300 * 1024;

    /** Luma PSNR against the lossless render that a picture at {@link #QUALITY} keeps (dB). */
    static final double MIN_PSNR_DB = 38.0;

    private static final String JPEG_METADATA = "javax_imageio_jpeg_image_1.0";

    private Pictures() {
    }

    /**
     * The picture's stored form: JPEG, at the highest of {@link #QUALITIES} that fits the size
     * bound; for pixel art the PNG instead when that is smaller.
     */
    static Picture encode(BufferedImage image, boolean pixelArt) {
        long cap = Math.max(16 * 1024, Math.round(MAX_BYTES_PER_MEGAPIXEL * (double) image.getWidth() * image.getHeight()
                / (1024.0 * 1024.0)));
        byte[] jpeg = null;
        float quality = QUALITY;
        for (float q : QUALITIES) {
            jpeg = jpeg(image, q);
            quality = q;
            if (jpeg.length <= cap) {
                break;
            }
        }
        if (pixelArt) {
            byte[] png = png(image);
            if (png.length < jpeg.length) {
                return new Picture("image/png", png, null, image.getWidth(), image.getHeight());
            }
        }
        return new Picture("image/jpeg", jpeg, quality, image.getWidth(), image.getHeight());
    }

    /** {@code image} (RGB) as a baseline 4:2:0 JPEG at {@code quality} (0..1). */
    public static byte[] jpeg(BufferedImage image, float quality) {
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("jpeg");
        if (!writers.hasNext()) {
            throw new IllegalStateException("this Java runtime has no JPEG writer");
        }
        ImageWriter writer = writers.next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256 * 1024);
        try (ImageOutputStream stream = ImageIO.createImageOutputStream(bytes)) {
            JPEGImageWriteParam param = new JPEGImageWriteParam(null);
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality);
            param.setOptimizeHuffmanTables(true);
            IIOMetadata metadata = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(image), param);
            subsample420(metadata);
            writer.setOutput(stream);
            writer.write(null, new IIOImage(image, null, metadata), param);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    /** {@code image} as PNG (lossless). */
    public static byte[] png(BufferedImage image) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 * 1024);
        try {
            ImageIO.write(image, "png", bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * Luma at full resolution, both chroma planes at half in each direction (4:2:0), stated
     * explicitly rather than left to the writer's default.
     */
    private static void subsample420(IIOMetadata metadata) throws IIOInvalidTreeException {
        Node root = metadata.getAsTree(JPEG_METADATA);
        NodeList components = ((Element) root).getElementsByTagName("componentSpec");
        if (components.getLength() != 3) {
            return; // not YCbCr: nothing to subsample
        }
        for (int i = 0; i < components.getLength(); i++) {
            Element component = (Element) components.item(i);
            String factor = i == 0 ? "2" : "1";
            component.setAttribute("HsamplingFactor", factor);
            component.setAttribute("VsamplingFactor", factor);
        }
        metadata.setFromTree(JPEG_METADATA, root);
    }
}
