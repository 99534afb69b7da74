package ai.aiart.renderer;

/**
 * A picture in its stored form ({@link Pictures}): a baseline JPEG, or for pixel art the PNG when
 * that is smaller.
 *
 * @param contentType {@code image/jpeg} or {@code image/png}
 * @param bytes the encoded file
 * @param quality the JPEG quality used (one of {@link Pictures#QUALITIES}); null for a PNG
 * @param width width in pixels
 * @param height height in pixels
 */
public record Picture(String contentType, byte[] bytes, Float quality, int width, int height) {

    /** The file name ending for the content type: {@code .png} or {@code .jpg}. */
    public String suffix() {
        return "image/png".equals(contentType) ? ".png" : ".jpg";
    }
}
