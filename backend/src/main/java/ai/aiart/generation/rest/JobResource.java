package ai.aiart.generation.rest;

import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import ai.aiart.generation.Job;
import ai.aiart.generation.JobStatus;
import ai.aiart.generation.JobView;
import ai.aiart.generation.repository.GridFsStore;
import ai.aiart.generation.repository.ResultStore;
import ai.aiart.auth.IdentityResolver;
import ai.aiart.generation.service.StreamSlots;
import ai.aiart.ratelimit.Gated;
import ai.aiart.generation.service.JobEvents;
import ai.aiart.generation.service.JobService;
import ai.aiart.generation.service.BytesBudget;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import org.jboss.resteasy.reactive.RestMulti;
import org.jboss.resteasy.reactive.RestStreamElementType;
import ai.aiart.generation.service.JobViews;
import ai.aiart.core.ErrorType;
import ai.aiart.web.NotModified;
import ai.aiart.core.ProblemException;

/**
 * {@code /api/v1/jobs/{id}}. The job id is 128 random bits: whoever holds it may see the job
 * and its result (a capability URL), so a result can be shown in an {@code <img>} and shared.
 */
@Path("/api/v1/jobs/{id}")
public class JobResource {

    private final JobService jobs;
    private final JobViews views;
    private final ResultStore results;
    private final JobEvents events;
    private final ResultDownloads downloads;
    private final BytesBudget budget;
    private final StreamSlots streams;
    private final IdentityResolver identities;

    public JobResource(JobService jobs, JobViews views, ResultStore results, JobEvents events, ResultDownloads downloads,
            BytesBudget budget, StreamSlots streams, IdentityResolver identities) {
        this.budget = budget;
        this.streams = streams;
        this.identities = identities;
        this.jobs = jobs;
        this.downloads = downloads;
        this.events = events;
        this.views = views;
        this.results = results;
    }

    @GET
    @Gated(Gated.Gate.POLLING)
    @Produces(MediaType.APPLICATION_JSON)
    public Response get(@PathParam("id") String id) {
        return Response.ok(views.of(jobs.get(id))).header(HttpHeaders.CACHE_CONTROL, "no-store").build();
    }

    @GET
    @Gated(Gated.Gate.POLLING)
    @Path("/events")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @Blocking
    public Multi<JobView> events(@PathParam("id") String id, HttpServerRequest http) {
        jobs.get(id); // 404 in the error format before the stream starts
        Runnable release = streams.open(identities.anonymousKey(identities.clientIp(http))); // by address: EventSource sends no token
        try {
            return events.stream(id).onTermination().invoke(release);
        } catch (RuntimeException e) {
            release.run();
            throw e;
        }
    }

    @DELETE
    @Produces(MediaType.APPLICATION_JSON)
    public JobView cancel(@PathParam("id") String id) {
        return views.of(jobs.cancel(id));
    }

    /**
     * Streams the result from GridFS in 256 KB pieces, the next piece read only once the
     * previous one has been written to the connection: a slow reader holds one piece, not the
     * whole file. (An InputStream entity is copied by a worker thread into Vert.x faster than a
     * busy event loop sends it; measured, 50 downloads at once filled the 64 MB of direct
     * memory.) At most {@code aiart.generation.max-concurrent-downloads} are streamed at once;
     * the slot is given back when the stream ends, fails or the client hangs up.
     *
     * <p>The worker thread looks the job up and is free again: the wait for a slot holds no
     * thread, and the file is opened and read on the downloads' own threads
     * ({@link ResultDownloads}), so a burst of downloads does not take the worker threads that
     * other requests need.
     *
     * <p>HTTP in full (docs/GENERATION.md, "Results"): a current copy ({@code If-None-Match},
     * {@code If-Modified-Since}) is answered 304 before the store or a download slot is touched;
     * one byte range ({@code Range}, {@code If-Range}) is answered 206 from the GridFS chunk it
     * starts in, which is how a browser seeks in a video.
     */
    @GET
    @Gated(Gated.Gate.POLLING)
    @Path("/result")
    @Blocking
    public RestMulti<byte[]> result(@PathParam("id") String id, @Context RoutingContext http) {
        Job job = jobs.get(id);
        if (job.jobStatus() == JobStatus.EXPIRED) {
            throw ProblemException.notFound(BytesBudget.REMOVED);
        }
        if (job.jobStatus() != JobStatus.SUCCEEDED || job.result == null) {
            throw new ProblemException(ErrorType.NOT_FOUND, job.jobStatus().terminal()
                    ? "This job has no result: it " + (job.jobStatus() == JobStatus.FAILED ? "failed." : "was canceled.")
                    : "The result is not ready yet. Follow the job's status and fetch it when it has succeeded.");
        }
        String etag = "\"" + job.result.fileId + "\"";
        Map<String, String> validators = new LinkedHashMap<>();
        validators.put(HttpHeaders.ETAG, etag);
        if (job.completedAt != null) {
            validators.put(HttpHeaders.LAST_MODIFIED, ResultRequests.httpDate(job.completedAt));
        }
        validators.put(HttpHeaders.CACHE_CONTROL, "public, max-age=31536000, immutable");
        // Cached for a year, while its CORS headers depend on the request's Origin (only the
        // site's origins get them): without Vary a copy loaded with no CORS (a plain <img>)
        // is handed to the site's later CORS fetch, which then fails (issue #15).
        validators.put(HttpHeaders.VARY, "Origin");
        var request = http.request();
        if (ResultRequests.notModified(request.getHeader(HttpHeaders.IF_NONE_MATCH), request.getHeader(HttpHeaders.IF_MODIFIED_SINCE),
                etag, job.completedAt)) {
            throw new NotModified(validators);
        }
        String rangeHeader = request.getHeader("Range");
        String ifRange = request.getHeader("If-Range");
        // The response's end gives back the slot, however it ends (sent, failed, the client gone
        // while it waited or as the slot came); registered on this thread, before the answer is
        // subscribed to, as the slot itself comes later on another thread.
        CompletableFuture<Void> over = new CompletableFuture<>();
        http.addEndHandler(ended -> over.complete(null));
        // RESTEasy Reactive sends a streamed Multi chunked, which would put Transfer-Encoding:
        // chunked beside the Content-Length of a download: RFC 9112 forbids both, and strict
        // clients (Node's fetch) refuse such an answer. The length is known, so the body goes unchunked.
        http.addHeadersEndHandler(head -> http.response().headers().remove(io.vertx.core.http.HttpHeaders.TRANSFER_ENCODING));
        Uni<Download> download = downloads.acquire(over)
                .map(slot -> open(job, slot, etag, rangeHeader, ifRange, validators));
        return RestMulti.fromUniResponse(download, Download::pieces, Download::headers, Download::status);
    }

    /** An answer being sent: its status, its headers and its body, read piece by piece. */
    private record Download(int status, Map<String, List<String>> headers, Multi<byte[]> pieces) {
    }

    /**
     * Opens the result for a download that holds {@code slot} (on one of the downloads' threads:
     * the store calls block). The slot is given back if the result cannot be sent: gone (404),
     * or the range asked for is past its end (416).
     */
    private Download open(Job job, ResultDownloads.Slot slot, String etag, String rangeHeader, String ifRange,
            Map<String, String> validators) {
        GridFsStore.StoredFile file;
        Optional<ResultRequests.Range> range;
        InputStream content;
        try {
            file = results.open(job.result.fileId).orElseThrow(() -> {
                budget.expireWithoutResult(job); // removed by the results budget as this job reused it
                return ProblemException.notFound(BytesBudget.REMOVED);
            });
            try {
                range = ResultRequests.range(rangeHeader, ifRange, etag, job.completedAt, file.length());
                content = range.isPresent() ? ResultDownloads.slice(file.content(), range.get().first(), range.get().size())
                        : file.content();
            } catch (RuntimeException e) {
                closeQuietly(file.content());
                throw e;
            }
        } catch (RuntimeException e) {
            slot.release();
            throw e;
        }
        String subtype = job.result.contentType.substring(job.result.contentType.indexOf('/') + 1);
        String extension = "jpeg".equals(subtype) ? "jpg" : subtype;
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put(HttpHeaders.CONTENT_TYPE, List.of(job.result.contentType));
        headers.put(HttpHeaders.CONTENT_LENGTH, List.of(Long.toString(range.map(ResultRequests.Range::size).orElse(file.length()))));
        headers.put("Accept-Ranges", List.of("bytes"));
        headers.put("Content-Disposition", List.of("inline; filename=\"aiart-" + job.id + "." + extension + "\""));
        headers.put("X-Content-Type-Options", List.of("nosniff"));
        range.ifPresent(r -> headers.put("Content-Range", List.of(r.contentRange())));
        validators.forEach((name, value) -> headers.put(name, List.of(value)));
        return new Download(range.isPresent() ? 206 : 200, headers, downloads.pieces(content, slot));
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (java.io.IOException e) {
            // nothing was read from it
        }
    }
}
