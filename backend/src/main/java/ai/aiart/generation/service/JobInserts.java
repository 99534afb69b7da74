package ai.aiart.generation.service;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import ai.aiart.generation.Job;
import ai.aiart.generation.repository.JobRepository;
import ai.aiart.store.Batcher;

/**
 * New jobs go to the store through one batch writer: the jobs of concurrent requests share a
 * single unordered insert command. Each job still succeeds or fails on its own — a job whose
 * idempotency key another request claimed first is refused alone.
 */
@ApplicationScoped
public class JobInserts {

    private static final int MAX_BATCH = 256;

    private final Batcher<Job, Boolean> batcher;

    public JobInserts(JobRepository jobs) {
        this.batcher = new Batcher<>("aiart-job-inserts", MAX_BATCH, Duration.ofSeconds(30), batch -> {
            List<Job> list = new ArrayList<>(batch.size());
            batch.forEach(p -> list.add(p.item()));
            Set<Integer> duplicates = jobs.insertAll(list);
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).complete(!duplicates.contains(i));
            }
        });
    }

    /** Stores {@code job}; false when its idempotency key is already claimed (nothing stored). */
    public boolean insert(Job job) {
        return batcher.submit(job);
    }

    @PreDestroy
    void stop() {
        batcher.close();
    }
}
