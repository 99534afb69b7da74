package ai.aiart.provider.upstream;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import ai.aiart.core.JobKind;
import ai.aiart.core.MediaProbe;
import ai.aiart.provider.MediaFiles;
import ai.aiart.provider.ProviderException;
import ai.aiart.provider.ProvidersConfig;
import io.quarkus.logging.Log;

/**
 * Fetches a finished result from the short-lived URL an upstream gives (DashScope's OSS links
 * expire within a day, Veo's file URIs need the API key) into a temporary file, at once. A
 * passing failure is tried again twice: the result is already paid for.
 */
@ApplicationScoped
public class MediaDownloads {

    /** Attempts of one download. */
    static final int ATTEMPTS = 3;

    private final HttpClient http = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NORMAL)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    private final long maxBytes;

    public MediaDownloads(ProvidersConfig config) {
        this.maxBytes = config.maxResultBytes();
    }

    /** A downloaded result. */
    public record Download(Path file, String contentType) {
    }

    /**
     * Downloads {@code uri} with {@code headers}; the content type is recognised from the bytes.
     *
     * @param pause wait before trying again after a passing failure
     */
    public Download fetch(JobKind kind, URI uri, Map<String, String> headers, Duration timeout, Duration pause) {
        ProviderException last = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                return once(kind, uri, headers, timeout);
            } catch (UpstreamException e) {
                last = e;
                Log.infof("Download of a %s result failed (attempt %d: %s)", Failures.service(kind), attempt,
                        e.status() == 0 ? String.valueOf(e.getCause()) : "HTTP " + e.status());
                if (attempt < ATTEMPTS) {
                    sleep(pause.multipliedBy(attempt));
                }
            }
        }
        Log.warnf("Could not download a finished %s result: %s", Failures.service(kind), last.getMessage());
        throw Failures.failed(kind); // not retried as a whole: that would make (and pay for) it again
    }

    private Download once(JobKind kind, URI uri, Map<String, String> headers, Duration timeout) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout).GET();
        headers.forEach(request::header);
        Path file = MediaFiles.newFile(kind.video() ? ".mp4" : ".img");
        try {
            HttpResponse<InputStream> response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = response.body()) {
                int status = response.statusCode();
                if (status == 429 || status >= 500) {
                    throw Failures.troubled(kind, status, null);
                }
                if (status != 200) {
                    Log.warnf("Download of a %s result answered HTTP %d", Failures.service(kind), status);
                    throw Failures.failed(kind);
                }
                long length = response.headers().firstValueAsLong("Content-Length").orElse(-1);
                if (length > maxBytes) {
                    throw tooLarge(kind, length);
                }
                copy(kind, in, file);
            }
            String type = MediaProbe.contentType(file);
            if (type == null) {
                Log.warnf("A downloaded %s result is neither a picture nor an MP4", Failures.service(kind));
                throw Failures.failed(kind);
            }
            return new Download(file, type);
        } catch (IOException e) {
            MediaFiles.deleteQuietly(file);
            throw Failures.forIo(kind, e);
        } catch (InterruptedException e) {
            MediaFiles.deleteQuietly(file);
            throw Failures.interrupted();
        } catch (RuntimeException e) {
            MediaFiles.deleteQuietly(file);
            throw e;
        }
    }

    private void copy(JobKind kind, InputStream in, Path file) throws IOException {
        byte[] buffer = new byte[1 << 16];
        long total = 0;
        try (OutputStream out = Files.newOutputStream(file)) {
            for (int n; (n = in.read(buffer)) >= 0;) {
                total += n;
                if (total > maxBytes) {
                    throw tooLarge(kind, total);
                }
                out.write(buffer, 0, n);
            }
        }
    }

    private ProviderException tooLarge(JobKind kind, long bytes) {
        Log.warnf("A %s result of %d bytes is over aiart.providers.max-result-bytes", Failures.service(kind), bytes);
        return Failures.failed(kind);
    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            throw Failures.interrupted();
        }
    }
}
