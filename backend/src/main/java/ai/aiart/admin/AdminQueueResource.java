package ai.aiart.admin;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import ai.aiart.generation.Job;
import ai.aiart.generation.JobView;
import ai.aiart.generation.repository.JobRepository;
import ai.aiart.generation.service.JobService;
import ai.aiart.generation.service.JobViews;
import ai.aiart.web.PageCursor;

/** {@code /api/v1/admin/queue} and {@code /api/v1/admin/jobs/{id}}: the queue as admins see it, and canceling any job. */
@Path(AdminGate.PREFIX)
@Produces(MediaType.APPLICATION_JSON)
public class AdminQueueResource {

    private final JobRepository jobs;
    private final JobService service;
    private final JobViews views;

    public AdminQueueResource(JobRepository jobs, JobService service, JobViews views) {
        this.jobs = jobs;
        this.service = service;
        this.views = views;
    }

    /** A queued job with its owner ({@code ip:<hash>} or {@code user:<uid>}) and place. */
    public record QueuedJob(String id, String kind, String tier, int priority, String owner, long position, Instant createdAt) {
    }

    /** The queue: counts, and the first jobs in serving order. */
    public record Queue(long queued, long running, List<QueuedJob> next) {
    }

    @GET
    @Path("/queue")
    public Queue queue(@QueryParam("limit") String limit) {
        List<QueuedJob> next = new ArrayList<>();
        long position = 1;
        for (Job job : jobs.firstQueued(PageCursor.limit(limit, 20, 200))) {
            next.add(new QueuedJob(job.id, job.kind, job.tier, job.priority, job.owner, position++, job.createdAt));
        }
        return new Queue(jobs.countQueued(), jobs.countRunning(), next);
    }

    /** Cancels any job; 409 when it has already ended. */
    @DELETE
    @Path("/jobs/{id}")
    public JobView cancel(@PathParam("id") String id) {
        return views.of(service.cancel(id));
    }
}
