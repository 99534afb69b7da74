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
            // Idempotency-Keys are claimed by the job itself now (Job.idem); the collection that held
            // them has no reader left, and its records would otherwise stay until their TTL.
            var database = jobs.mongoDatabase();
            if (database.listCollectionNames().into(new java.util.ArrayList<>()).contains("idempotency")) {
                database.getCollection("idempotency").drop();
            }
        } catch (RuntimeException e) {
            // the store may be starting or away; the queries still work, only slower
            Log.warnf("Could not create the store's indexes now: %s", e.toString());
        }
    }
}
