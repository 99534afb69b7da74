package ai.aiart.generation.service;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;

import ai.aiart.generation.JobView;
import ai.aiart.generation.QueueConfig;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * The stream behind {@code GET /jobs/{id}/events}: a snapshot of the job whenever it changes
 * (status, place in line, estimate, progress), and the same snapshot again after
 * {@code aiart.queue.events-heartbeat} without one (a heartbeat), ending after the terminal snapshot. The
 * store offers no change streams everywhere, so each stream looks at its job on a short interval,
 * off the event loop — in this instance's {@link JobBoard}, which one store command a tick keeps
 * current for every stream at once.
 */
@ApplicationScoped
public class JobEvents {

    private final JobBoard board;
    private final JobViews views;
    private final QueueConfig config;

    public JobEvents(JobBoard board, JobViews views, QueueConfig config) {
        this.board = board;
        this.views = views;
        this.config = config;
    }

    public Multi<JobView> stream(String id) {
        Duration every = config.eventsEvery();
        long maxTicks = Math.max(1, config.eventsMaxDuration().toMillis() / every.toMillis());
        long heartbeatTicks = Math.max(1, config.eventsHeartbeat().toMillis() / every.toMillis());
        return Multi.createFrom().emitter(emitter -> {
            AtomicReference<JobView> last = new AtomicReference<>();
            long[] ticks = {0};
            long[] silentTicks = {0};
            ScheduledFuture<?> task = Infrastructure.getDefaultWorkerPool().scheduleWithFixedDelay(() -> {
                try {
                    Optional<JobView> now = board.find(id).map(views::of);
                    if (now.isEmpty()) {
                        emitter.complete();
                        return;
                    }
                    JobView view = now.get();
                    if (!view.equals(last.getAndSet(view)) || ++silentTicks[0] >= heartbeatTicks) {
                        silentTicks[0] = 0;
                        emitter.emit(view); // a change, or the same view again as a heartbeat
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
