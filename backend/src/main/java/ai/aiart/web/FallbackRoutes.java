package ai.aiart.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.logging.Log;
import io.quarkus.runtime.configuration.MemorySize;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import ai.aiart.core.ErrorType;
import ai.aiart.core.Problem;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.impl.RoutingContextInternal;

/**
 * Problem answers for what never reaches a resource: unknown paths outside the REST API,
 * request lines and headers over their limits, bodies over the size limit, failures inside the
 * HTTP layer.
 */
@ApplicationScoped
public class FallbackRoutes {

    /**
     * Longest request target (path and query) answered normally. Vert.x's codec would refuse a
     * longer request line itself, with a bare 414 that no application code can reach (Quarkus 3.33
     * gives no access to {@code HttpServer#invalidRequestHandler}), so the codec's limit
     * ({@code quarkus.http.limits.max-initial-line-length}) is set higher and this limit is
     * enforced here, where the answer can carry a problem body.
     */
    public static final int MAX_URI_LENGTH = 4096;

    /** Largest request header section (names and values) answered normally; the codec's own limit is higher, as above. */
    public static final int MAX_HEADER_BYTES = 20 * 1024;

    private final ObjectMapper json;
    private final long maxBodySize;

    public FallbackRoutes(ObjectMapper json,
            @ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize maxBodySize) {
        this.json = json;
        this.maxBodySize = maxBodySize.asLongValue();
    }

    void install(@Observes Router router) {
        // first of all: no other handler should spend anything on a request refused for its size
        router.route().order(-5).handler(ctx -> {
            HttpServerRequest request = ctx.request();
            if (request.uri().length() > MAX_URI_LENGTH) {
                refuse(ctx, ErrorType.URI_TOO_LONG, "The address is too long: at most " + MAX_URI_LENGTH
                        + " characters of path and query, please.");
            } else if (headerBytes(request.headers()) > MAX_HEADER_BYTES) {
                refuse(ctx, ErrorType.HEADERS_TOO_LARGE, "The request headers are too large: at most "
                        + MAX_HEADER_BYTES / 1024 + " KB together, please.");
            } else {
                ctx.next();
            }
        });
        // ahead of Quarkus' own check (order -2), which would answer 413 with an empty body
        router.route().order(-3).handler(ctx -> {
            String length = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
            if (length != null && isOver(length)) {
                tooLarge(ctx);
            } else if (length == null && ctx.request().headers().contains(HttpHeaders.TRANSFER_ENCODING)) {
                readChunked(ctx);
            } else {
                ctx.next();
            }
        });
        router.route().order(Integer.MAX_VALUE).handler(ctx ->
                send(ctx, ErrorType.NOT_FOUND, "There is nothing at " + ctx.normalizedPath() + "."));
        router.errorHandler(404, ctx ->
                send(ctx, ErrorType.NOT_FOUND, "There is nothing at " + ctx.normalizedPath() + "."));
        router.errorHandler(405, ctx ->
                send(ctx, ErrorType.METHOD_NOT_ALLOWED, ctx.normalizedPath() + " does not accept " + ctx.request().method() + "."));
        router.errorHandler(413, ctx ->
                send(ctx, ErrorType.PAYLOAD_TOO_LARGE, "The request is too large."));
        router.errorHandler(500, ctx -> {
            if (ctx.failure() != null) {
                Log.errorf(ctx.failure(), "Request %s %s failed", ctx.request().method(), ctx.normalizedPath());
            }
            send(ctx, ErrorType.INTERNAL, "Something went wrong on our side. Please try again.");
        });
    }

    /**
     * A body sent without a length (chunked): read here, up to the limit, so that one over it gets
     * the problem answer — the REST layer would otherwise cut it off with a bare, empty 413. A body
     * within the limit is handed on as read (the REST layer uses a body already read). HTTP/1.1
     * only: an HTTP/2 request has no chunking, and the REST layer cannot take over one already read
     * (see docs/RELIABILITY.md).
     */
    private void readChunked(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        Buffer body = Buffer.buffer();
        boolean[] refused = {false};
        request.handler(chunk -> {
            if (refused[0]) {
                return;
            }
            if (body.length() + chunk.length() > maxBodySize) {
                refused[0] = true;
                request.pause();
                tooLarge(ctx);
                return;
            }
            body.appendBuffer(chunk);
        });
        request.exceptionHandler(e -> {
            if (!refused[0] && !ctx.response().ended()) {
                refused[0] = true;
                ctx.response().putHeader(HttpHeaders.CONNECTION, "close");
                send(ctx, ErrorType.VALIDATION, "The request body could not be read completely.");
            }
        });
        request.endHandler(end -> {
            if (!refused[0]) {
                ((RoutingContextInternal) ctx).setBody(body);
                ctx.next();
            }
        });
        request.resume();
    }

    /** Bytes of the header section as the codec counts them: each line's name, ": ", value and CRLF. */
    static long headerBytes(io.vertx.core.MultiMap headers) {
        long total = 0;
        for (java.util.Map.Entry<String, String> header : headers) {
            total += header.getKey().length() + header.getValue().length() + 4;
        }
        return total;
    }

    /** Refused before the body is read: the connection is closed rather than the body drained. */
    private void refuse(RoutingContext ctx, ErrorType type, String message) {
        ctx.response().putHeader(HttpHeaders.CONNECTION, "close");
        send(ctx, type, message);
    }

    private void tooLarge(RoutingContext ctx) {
        ctx.response().putHeader(HttpHeaders.CONNECTION, "close");
        send(ctx, ErrorType.PAYLOAD_TOO_LARGE, "The request is too large: at most "
                + maxBodySize / (1024 * 1024) + " MB, please.");
    }

    private boolean isOver(String contentLength) {
        try {
            return Long.parseLong(contentLength.trim()) > maxBodySize;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private void send(RoutingContext ctx, ErrorType type, String message) {
        send(ctx, json, type, message);
    }

    /** Answers with a problem from a Vert.x route (outside the REST layer's exception mappers). */
    public static void send(RoutingContext ctx, ObjectMapper json, ErrorType type, String message) {
        if (ctx.response().headWritten()) {
            ctx.response().end();
            return;
        }
        String body;
        try {
            body = json.writeValueAsString(Problem.of(type, message, null, null, null));
        } catch (JsonProcessingException e) {
            body = "{\"success\":false,\"error_type\":\"internal\",\"status\":500}";
        }
        ctx.response()
                .setStatusCode(type.status())
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                .end(body);
    }
}
