package ai.aiart.web;

import java.util.Map;

/**
 * The client's copy is current: answered 304 with these headers and no body, before anything is
 * read from the store ({@link ProblemMappers#notModified}). Not an error; thrown because an
 * endpoint that streams its body cannot return a plain response on the same path.
 */
public final class NotModified extends RuntimeException {

    private final Map<String, String> headers;

    public NotModified(Map<String, String> headers) {
        super(null, null, false, false);
        this.headers = headers;
    }

    public Map<String, String> headers() {
        return headers;
    }
}
