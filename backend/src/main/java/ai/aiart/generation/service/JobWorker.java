package ai.aiart.generation.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import ai.aiart.config.AiartConfig;
import ai.aiart.generation.Job;
import ai.aiart.core.JobKind;
import ai.aiart.generation.QueueConfig;
import ai.aiart.generation.repository.JobRepository;
import ai.aiart.load.Hibernation;
import ai.aiart.provider.ProviderChain;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * This instance's workers: each claims the next job from the shared queue, has it made and
 * records the outcome, renewing its lease meanwhile (docs/GENERATION.md).
 */
@ApplicationScoped
public class JobWorker {

    private static final AtomicInteger INSTANCES = new AtomicInteger();

    private final JobRepository jobs;
    private final JobRunner runner;
    private final ProviderChain providers;
    private final QueueSignal signal;
    private final JobBoard board;
    private final Hibernation hibernation;
    private final QueueConfig config;
    private final Clock clock;
    private final String workerId;
    private final Map<String, Thread> running = new ConcurrentHashMap<>();
    private ExecutorService pool;
    private ScheduledExecutorService renewer;
    private volatile boolean stopping;

    public JobWorker(JobRepository jobs, JobRunner runner, ProviderChain providers, QueueSignal signal, JobBoard board,
            Hibernation hibernation, QueueConfig config, AiartConfig instance, Clock clock) {
        this.hibernation = hibernation;
        this.jobs = jobs;
        this.runner = runner;
        this.providers = providers;
        this.signal = signal;
        this.board = board;
        this.config = config;
        this.clock = clock;
        this.workerId = instance.instance() + "-" + ProcessHandle.current().pid() + "-" + INSTANCES.incrementAndGet();
    }

    void start(@Observes @Priority(10) StartupEvent event) {
        int workers = config.workers();
        if (workers <= 0) {
            Log.info("Workers: none on this instance (aiart.queue.workers=0)");
            return;
        }
        AtomicInteger n = new AtomicInteger();
        pool = Executors.newFixedThreadPool(workers, r -> daemon(r, "aiart-worker-" + n.incrementAndGet()));
        for (int i = 0; i < workers; i++) {
            pool.submit(this::loop);
        }
        renewer = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "aiart-lease-renewer"));
        long every = config.renewEvery().toMillis();
        renewer.scheduleAtFixedRate(this::renewLeases, every, every, TimeUnit.MILLISECONDS);
        Log.infof("Workers: %d on this instance (%s)", workers, workerId);
    }

    void stop(@Observes ShutdownEvent event) {
        stopping = true;
        if (pool == null) {
            return;
        }
        renewer.shutdownNow();
        pool.shutdownNow();
        try {
            pool.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // jobs still held go straight back to the queue instead of waiting for their lease to run out
        for (String id : new ArrayList<>(running.keySet())) {
            if (jobs.release(id, workerId)) {
                Log.infof("Job %s handed back to the queue on shutdown", id);
            }
        }
    }

    /**
     * Claims jobs while there are any; once the queue is empty, asks the store again only when a
     * job is queued here or the {@link JobBoard} shows queued jobs it has not shown before an
     * empty claim. Idle workers cost no store command (docs/ARCHITECTURE.md, "Store budget").
     */
    private void loop() {
        boolean look = true;
        while (!stopping && !Thread.currentThread().isInterrupted()) {
            try {
                if (look) {
                    Optional<Job> claimed = claim();
                    if (claimed.isPresent()) {
                        process(claimed.get());
                        continue;
                    }
                }
                long seen = board.refreshes();
                boolean woken = signal.await(hibernation.workerPoll(config.pollEvery()));
                // woken (a job queued here, or the board saw queued jobs), or the board has been
                // refreshed since the empty claim and still shows queued jobs that may start now
                // (a deferred one waits for its time without a claim a tick)
                look = woken || (board.refreshes() != seen && board.due() > 0);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                if (stopping) {
                    return;
                }
                Log.warnf("Worker loop: %s; retrying shortly", e.toString());
                sleepQuietly(config.pollEvery());
            }
        }
    }

    private Optional<Job> claim() {
        List<String> kinds = providers.availableKinds().stream().map(JobKind::wire).toList();
        if (kinds.isEmpty()) {
            return Optional.empty();
        }
        Instant now = Instant.now(clock);
        Optional<Job> claimed = jobs.claimNext(workerId, kinds, now, now.plus(config.lease()));
        claimed.ifPresent(board::seen);
        return claimed;
    }

    private void process(Job job) {
        running.put(job.id, Thread.currentThread());
        try {
            runner.run(job, workerId);
        } finally {
            board.changed(job.id);
            running.remove(job.id);
            Thread.interrupted(); // a cancel may have interrupted us; the next claim starts clean
        }
    }

    private void renewLeases() {
        Instant until = Instant.now(clock).plus(config.lease());
        for (String id : running.keySet()) {
            try {
                if (!jobs.renewLease(id, workerId, until)) {
                    // canceled or taken away: stop working on it — only while the thread still works on
                    // it: atomically with process()'s removal, so that a thread that has meanwhile moved
                    // on to its next job (or back to its loop, which an interrupt would end) is left alone
                    running.computeIfPresent(id, (job, worker) -> {
                        worker.interrupt();
                        return worker;
                    });
                }
            } catch (RuntimeException e) {
                Log.warnf("Lease renewal of job %s failed: %s", id, e.toString());
            }
        }
    }

    /** Ids of the jobs this instance is working on. */
    public java.util.Set<String> runningJobs() {
        return java.util.Set.copyOf(running.keySet());
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    private static void sleepQuietly(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
