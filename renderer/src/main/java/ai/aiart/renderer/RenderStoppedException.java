package ai.aiart.renderer;

/**
 * Thrown by {@link OfflineRenderer#video} when the thread making the video was interrupted: whoever
 * asked for it stopped the work. The interrupt flag is left set.
 */
public final class RenderStoppedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    RenderStoppedException() {
        super("the rendering thread was interrupted");
    }
}
