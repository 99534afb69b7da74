package ai.aiart.generation.repository;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import ai.aiart.config.AiartConfig;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;

/** Creates the indexes of the generation collections at start-up, before the workers run. */
@ApplicationScoped
public class StoreIndexes {

    private final JobRepository jobs;
    private final IdempotencyRepository idempotency;
    private final AiartConfig config;

    public StoreIndexes(JobRepository jobs, IdempotencyRepository idempotency, AiartConfig config) {
        this.jobs = jobs;
        this.idempotency = idempotency;
        this.config = config;
    }

    void create(@Observes @Priority(5) StartupEvent event) {
        try {
            jobs.ensureIndexes();
            idempotency.ensureIndexes(config.generation().idempotencyWindow().toSeconds());
        } catch (RuntimeException e) {
            // the store may be starting or away; the queries still work, only slower
            Log.warnf("Could not create the store's indexes now: %s", e.toString());
        }
    }
}
