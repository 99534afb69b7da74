package ai.aiart.renderer;

import java.nio.file.Path;

/**
 * A video the renderer wrote ({@link OfflineRenderer#video}): an H.264 MP4 ({@code video/mp4}).
 *
 * @param file where it was written
 * @param width width in pixels
 * @param height height in pixels
 * @param frames how many frames it has
 * @param fps frames a second
 */
public record Video(Path file, int width, int height, int frames, int fps) {

    /** Its length in seconds: frames over frames a second. */
    public double seconds() {
        return (double) frames / fps;
    }
}
