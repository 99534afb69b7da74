package ai.aiart.generation.repository;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;

/** Creates the indexes of the generation collections at start-up, before the workers run. */
@ApplicationScoped
public class StoreIndexes {

    private final JobRepository jobs;

    public StoreIndexes(JobRepository jobs) {
        this.jobs = jobs;
    }

    void create(@Observes @Priority(5) StartupEvent event) {
        try {
            jobs.ensureIndexes();
        } catch (RuntimeException e) {
            // the store may be starting or away; the queries still work, only slower
            Log.warnf("Could not create the store's indexes now: %s", e.toString());
        }
    }
}
