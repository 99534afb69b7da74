package ai.aiart.provider;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Temporary files for provider output. */
public final class MediaFiles {

    private MediaFiles() {
    }

    /** A new empty temporary file for a result, e.g. {@code suffix = ".png"}. */
    public static Path newFile(String suffix) {
        try {
            return Files.createTempFile("aiart-media-", suffix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Copies the stream into a new temporary file. */
    public static Path write(InputStream in, String suffix) {
        Path file = newFile(suffix);
        try (in) {
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            return file;
        } catch (IOException e) {
            deleteQuietly(file);
            throw new UncheckedIOException(e);
        }
    }

    /** Writes bytes into a new temporary file. */
    public static Path write(byte[] bytes, String suffix) {
        Path file = newFile(suffix);
        try {
            Files.write(file, bytes);
            return file;
        } catch (IOException e) {
            deleteQuietly(file);
            throw new UncheckedIOException(e);
        }
    }

    /** Opens a new temporary file for writing. */
    public static OutputStream output(Path file) {
        try {
            return Files.newOutputStream(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void deleteQuietly(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a temp file left behind is removed by the OS eventually
        }
    }
}
