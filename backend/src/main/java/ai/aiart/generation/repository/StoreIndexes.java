package ai.aiart.generation.repository;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import ai.aiart.store.StartupStoreWork;
import io.quarkus.runtime.StartupEvent;

/** Creates the indexes of the generation collections at start-up, before the workers run. */
@ApplicationScoped
public class StoreIndexes {

    private final JobRepository jobs;
    private final StartupStoreWork work;

    public StoreIndexes(JobRepository jobs, StartupStoreWork work) {
        this.jobs = jobs;
        this.work = work;
    }

    void create(@Observes @Priority(5) StartupEvent event) {
        work.run("the indexes of jobs", true, jobs::ensureIndexes);
    }
}
