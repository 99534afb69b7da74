package ai.aiart.generation.service;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;

import ai.aiart.config.AiartConfig;
import ai.aiart.generation.JobView;
import ai.aiart.generation.repository.JobRepository;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * The stream behind {@code GET /jobs/{id}/events}: a snapshot of the job whenever it changes
 * (status, place in line, estimate, progress), ending after the terminal snapshot. The
 * store offers no change streams everywhere (DESIGN §1), so each stream looks at its job on
 * a short interval, off the event loop.
 */
@ApplicationScoped
public class JobEvents {

    private final JobRepository jobs;
    private final JobViews views;
    private final AiartConfig.Queue config;

    public JobEvents(JobRepository jobs, JobViews views, AiartConfig config) {
        this.jobs = jobs;
        this.views = views;
        this.config = config.queue();
    }

    public Multi<JobView> stream(String id) {
        Duration every = config.eventsEvery();
        long maxTicks = Math.max(1, config.eventsMaxDuration().toMillis() / every.toMillis());
        return Multi.createFrom().emitter(emitter -> {
            AtomicReference<JobView> last = new AtomicReference<>();
            long[] ticks = {0};
            ScheduledFuture<?> task = Infrastructure.getDefaultWorkerPool().scheduleWithFixedDelay(() -> {
                try {
                    Optional<JobView> now = jobs.findByIdOptional(id).map(views::of);
                    if (now.isEmpty()) {
                        emitter.complete();
                        return;
                    }
                    JobView view = now.get();
                    if (!view.equals(last.getAndSet(view))) {
                        emitter.emit(view);
                    }
                    if (view.status().terminal() || ++ticks[0] >= maxTicks) {
                        emitter.complete();
                    }
                } catch (RuntimeException e) {
                    emitter.fail(e);
                }
            }, 0, every.toMillis(), TimeUnit.MILLISECONDS);
            emitter.onTermination(() -> task.cancel(false));
        });
    }
}
