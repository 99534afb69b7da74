package ai.aiart.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.fasterxml.jackson.databind.ObjectMapper;

import ai.aiart.core.ErrorType;
import io.quarkus.logging.Log;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * A deadline for every request body (docs/RELIABILITY.md, "Slow bodies"). A body is read, and for
 * a chunked one held in memory ({@link FallbackRoutes}), before the REST layer identifies the
 * caller, so a client that sends a byte now and then would otherwise hold a connection and up to
 * 11 MB of heap for as long as the idle timeout allows. Each body gets 10 s plus its length at
 * {@code aiart.http.body-min-rate}, at most {@code aiart.http.body-deadline} (a chunked body, whose
 * length is unknown, the most); one still arriving then is answered 408 in the problem format and
 * its connection closed. {@code quarkus.http.idle-timeout} (60 s) ends connections that send
 * nothing at all.
 */
@ApplicationScoped
public class BodyDeadline {

    /** What every body gets on top of its length at the minimum rate. */
    static final long BASE_MS = 10_000;

    private final Vertx vertx;
    private final ObjectMapper json;
    private final long maxMs;
    private final long minBytesPerSecond;

    public BodyDeadline(Vertx vertx, ObjectMapper json, HttpConfig config) {
        this.vertx = vertx;
        this.json = json;
        this.maxMs = config.bodyDeadline().toMillis();
        this.minBytesPerSecond = Math.max(1, config.bodyMinRate().asLongValue());
    }

    void install(@Observes Router router) {
        // first of all, ahead of the reading of chunked bodies (order -3) and Quarkus' body handler
        router.route().order(-4).handler(this::watch);
    }

    private void watch(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        if (request.isEnded() || !mayHaveBody(request)) {
            ctx.next();
            return;
        }
        long timer = vertx.setTimer(deadlineMs(request.getHeader(HttpHeaders.CONTENT_LENGTH)), id -> expire(ctx));
        ctx.addEndHandler(done -> vertx.cancelTimer(timer));
        ctx.next();
    }

    private void expire(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        if (request.isEnded() || ctx.response().ended() || ctx.response().closed()) {
            return; // the body came in time: the answer is being worked out
        }
        Log.infof("A request body to %s took too long to arrive: connection closed", ctx.normalizedPath());
        ctx.response().putHeader(HttpHeaders.CONNECTION, "close");
        FallbackRoutes.send(ctx, json, ErrorType.REQUEST_TIMEOUT, "The request took too long to arrive. Please try again on a steadier connection.");
        request.connection().close();
    }

    private long deadlineMs(String contentLength) {
        return deadlineMs(contentLength, maxMs, minBytesPerSecond);
    }

    /** A body's deadline: 10 s plus its length at the minimum rate, at most the longest deadline. */
    static long deadlineMs(String contentLength, long maxMs, long minBytesPerSecond) {
        if (contentLength == null) {
            return maxMs;
        }
        try {
            long length = Long.parseLong(contentLength.trim());
            return Math.min(maxMs, BASE_MS + length * 1000 / minBytesPerSecond);
        } catch (NumberFormatException e) {
            return maxMs;
        }
    }

    private static boolean mayHaveBody(HttpServerRequest request) {
        HttpMethod method = request.method();
        if (method == HttpMethod.GET || method == HttpMethod.HEAD || method == HttpMethod.OPTIONS) {
            return false;
        }
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        return length == null ? request.headers().contains(HttpHeaders.TRANSFER_ENCODING) : !"0".equals(length.trim());
    }
}
