package ai.aiart.peers;

import java.time.Instant;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import ai.aiart.auth.internal.InternalOnly;
import ai.aiart.generation.service.JobWorker;
import ai.aiart.generation.service.Workforce;
import ai.aiart.health.HealthResource;

/**
 * {@code GET /api/v1/internal/status}: what a peer needs to know of this backend beyond the public
 * health — its workers and how many are busy, its queue and whether it hibernates — for callers
 * with the internal key only ({@link InternalOnly}). The other backends' {@link PeerChecker} asks
 * it; the wait estimate counts the workers it reports ({@code Workforce}). No store command.
 */
@Path("/api/v1/internal/status")
@InternalOnly
public class PeerStatusResource {

    private final HealthResource health;
    private final Workforce workforce;
    private final JobWorker worker;

    public PeerStatusResource(HealthResource health, Workforce workforce, JobWorker worker) {
        this.health = health;
        this.workforce = workforce;
        this.worker = worker;
    }

    /**
     * @param workers     this backend's workers taking jobs from the shared queue (0 while it hibernates:
     *                    they then look for work only now and then)
     * @param busyWorkers how many are running a job now
     * @param liveWorkers the workers this backend counts for its wait estimate, its peers' included
     */
    public record Status(String instance, String version, String status, Instant timestamp, double load, long queueLength,
            long queueMax, boolean hibernating, int workers, int busyWorkers, int liveWorkers) {
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response status() {
        HealthResource.Health now = health.current();
        Status status = new Status(now.instance(), now.version(), now.status(), now.timestamp(), now.load(), now.queueLength(),
                now.queueMax(), now.hibernating(), now.hibernating() ? 0 : workforce.own(), worker.runningJobs().size(),
                workforce.total());
        return Response.ok(status).header(HttpHeaders.CACHE_CONTROL, "no-store").build();
    }
}
