package ai.aiart.generation.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import ai.aiart.generation.Job;
import ai.aiart.generation.JobStatus;
import ai.aiart.generation.QueueConfig;
import ai.aiart.generation.repository.JobRepository;
import ai.aiart.load.Hibernation;
import ai.aiart.load.HibernationConfig;
import ai.aiart.load.QueueStats;
import ai.aiart.store.StartupStoreWork;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.DurationConverter;
import io.quarkus.scheduler.Scheduled;

/**
 * This instance's picture of the queue, refreshed by one store command per tick for everyone
 * (docs/ARCHITECTURE.md, "Store budget"): every queued and running job, in serving order. Status
 * answers, live-status streams, queue positions, the capacity check, the idle workers and the
 * reaper read it, so their store cost does not grow with the number of visitors watching.
 *
 * <p>While the store does not answer, a job in the picture is answered as last seen (its place in
 * line is still the best answer there is); any other read needs the store and fails as it does
 * (503 with Retry-After).
 *
 * <p>A job that leaves the queue (it ended, or was deleted) is missing from the next refresh; it
 * is then read once from the store when someone asks for it and kept as it ended. Clocks of other
 * instances play no part: what is active is known from each refresh as a whole. Changes this
 * instance makes itself (a new job, a claim, a cancel, an end) are seen at once.
 *
 * <p>The tick follows the work: every {@code aiart.queue.stats-every} (1 s) while jobs are waiting
 * or running, every {@code aiart.queue.stats-idle-every} (5 s) when idle,
 * and {@code aiart.hibernation.poll-every} (30 s) while hibernating.
 */
@ApplicationScoped
public class JobBoard implements QueueStats {

    /** Serving order: priority, then age, then id (as {@link JobRepository#SERVING_ORDER}). */
    static final Comparator<Job> SERVING = Comparator.<Job>comparingInt(j -> j.priority)
            .thenComparing(j -> j.createdAt).thenComparing(j -> j.id);
    /** How long an ended job is answered from memory (it may still expire or be deleted). */
    private static final long ENDED_MS = 60_000;
    private static final int MAX_ENDED = 5_000;

    /** One refresh: the queued jobs in serving order, and every active job by id. */
    private record Snapshot(List<Job> queued, Map<String, Job> active, int running) {
        static final Snapshot EMPTY = new Snapshot(List.of(), Map.of(), 0);
    }

    /** A job as this instance saw it outside a refresh, and when. */
    private record Seen(Job job, long at) {
    }

    private final JobRepository jobs;
    private final QueueSignal signal;
    private final Hibernation hibernation;
    private final QueueConfig config;
    private final HibernationConfig hibernating;
    private final Clock clock;
    private final long activeEvery;
    private final Counter refreshes;
    private final Counter misses;
    private volatile Snapshot snapshot = Snapshot.EMPTY;
    /** Active jobs seen since the last refresh began (inserted, claimed or read here). */
    private final Map<String, Seen> recent = new ConcurrentHashMap<>();
    /** Jobs whose last known state is out of date: read from the store when next asked for. */
    private final Set<String> stale = ConcurrentHashMap.newKeySet();
    /** Ended jobs, newest last. */
    private final Map<String, Seen> ended = Collections.synchronizedMap(new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Seen> eldest) {
            return size() > MAX_ENDED;
        }
    });
    private final java.util.concurrent.atomic.AtomicLong generation = new java.util.concurrent.atomic.AtomicLong();
    private volatile boolean reachable;
    private volatile long refreshedAt;

    public JobBoard(JobRepository jobs, QueueSignal signal, Hibernation hibernation, QueueConfig config, HibernationConfig hibernating, Clock clock,
            MeterRegistry meters) {
        this.jobs = jobs;
        this.signal = signal;
        this.hibernation = hibernation;
        this.config = config;
        this.hibernating = hibernating;
        this.clock = clock;
        this.activeEvery = DurationConverter.parseDuration(config.statsEvery()).toMillis();
        this.refreshes = meters.counter("aiart.queue.board.reads", "kind", "refresh");
        this.misses = meters.counter("aiart.queue.board.reads", "kind", "job");
    }

    /** The first picture, before the first request (after the indexes, which already waited for the store). */
    void first(@Observes @Priority(20) StartupEvent event, StartupStoreWork work) {
        work.run("the first picture of the queue", false, this::refresh); // else the next tick's
    }

    /** Refreshes when the tick for the current state of things has come. */
    @Scheduled(every = "{aiart.queue.stats-every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void tick() {
        if (clock.millis() - refreshedAt >= every() - 50) {
            refresh();
        }
    }

    private long every() {
        if (!reachable || busy()) {
            return activeEvery; // a store that did not answer is asked again soon
        }
        return hibernation.hibernating() ? hibernating.pollEvery().toMillis()
                : config.statsIdleEvery().toMillis();
    }

    /**
     * Whether jobs wait or run, as far as this instance knows. A visitor reading an ended job
     * does not count: nothing about it changes. A visitor asking about a job queued elsewhere
     * since the last refresh has it read from the store, which puts it in {@code recent} and
     * so makes the board busy until that job leaves the queue.
     */
    private boolean busy() {
        Snapshot s = snapshot;
        return !s.active().isEmpty() || !recent.isEmpty();
    }

    /** Reads every active job from the store (one command); false when the store did not answer. */
    public boolean refresh() {
        long started = clock.millis();
        try {
            Snapshot before = snapshot;
            List<Job> active = jobs.active(before.active().size());
            refreshes.increment();
            List<Job> queued = new ArrayList<>();
            Map<String, Job> byId = new HashMap<>();
            int running = 0;
            for (Job job : active) {
                byId.put(job.id, job);
                ended.remove(job.id); // only a job that never ended can be active
                if (job.jobStatus() == JobStatus.QUEUED) {
                    queued.add(job);
                } else {
                    running++;
                }
            }
            queued.sort(SERVING);
            Snapshot after = new Snapshot(List.copyOf(queued), Map.copyOf(byId), running);
            for (String id : before.active().keySet()) {
                if (!byId.containsKey(id)) {
                    stale.add(id); // it left the queue: ended, or deleted
                }
            }
            recent.entrySet().removeIf(e -> {
                if (e.getValue().at() >= started) {
                    return false; // seen after this refresh began: newer than what it read
                }
                if (!byId.containsKey(e.getKey())) {
                    stale.add(e.getKey());
                }
                return true;
            });
            snapshot = after;
            reachable = true;
            generation.incrementAndGet();
            long now = clock.millis();
            int due = (int) queued.stream().filter(j -> mayStart(j, now)).count();
            if (due > 0) {
                signal.wake(due);
            }
            return true;
        } catch (RuntimeException e) {
            if (reachable) {
                Log.warnf("Job board: the store did not answer (%s); status answers use the last picture", e.toString());
            }
            reachable = false;
            return false;
        } finally {
            refreshedAt = clock.millis();
        }
    }

    /**
     * The job with the fields status answers need: from this instance's picture, or read once
     * from the store when the picture does not have it (or it changed since).
     */
    public Optional<Job> find(String id) {
        if (!stale.contains(id)) {
            Seen done = ended.get(id);
            if (done != null && clock.millis() - done.at() < ENDED_MS) {
                return Optional.of(done.job());
            }
            Seen seen = recent.get(id);
            if (seen != null) {
                return Optional.of(seen.job());
            }
            Job job = snapshot.active().get(id);
            if (job != null) {
                return Optional.of(job);
            }
        }
        misses.increment();
        Optional<Job> job = jobs.findStatus(id);
        stale.remove(id);
        job.ifPresentOrElse(this::seen, () -> ended.remove(id));
        return job;
    }

    /** Records a job as this instance just wrote or read it. */
    public void seen(Job job) {
        long now = clock.millis();
        if (job.jobStatus().terminal()) {
            recent.remove(job.id);
            ended.put(job.id, new Seen(job, now));
        } else {
            ended.remove(job.id);
            recent.put(job.id, new Seen(job, now));
        }
        stale.remove(job.id);
    }

    /** Marks a job as changed by this instance without its new state at hand: read it when next asked. */
    public void changed(String id) {
        stale.add(id);
        recent.remove(id);
        ended.remove(id);
    }

    /** 1-based place of a queued job in serving order, among the queued jobs this instance knows. */
    public long positionOf(Job job) {
        Snapshot s = snapshot;
        int found = Collections.binarySearch(s.queued(), job, SERVING);
        int inPicture = found >= 0 ? found : -found - 1;
        long ahead = inPicture;
        for (Seen seen : recent.values()) {
            Job other = seen.job();
            if (other.jobStatus() == JobStatus.QUEUED && !s.active().containsKey(other.id) && SERVING.compare(other, job) < 0) {
                ahead++;
            }
        }
        // queued in the picture, but since seen here to have left the queue
        for (int i = 0; i < inPicture; i++) {
            if (leftQueue(s.queued().get(i).id)) {
                ahead--;
            }
        }
        return Math.max(0, ahead) + 1;
    }

    /** Whether this instance has seen the job claimed, ended or changed since the last refresh. */
    private boolean leftQueue(String id) {
        Seen seen = recent.get(id);
        return (seen != null && seen.job().jobStatus() != JobStatus.QUEUED) || stale.contains(id) || ended.containsKey(id);
    }

    /** Jobs waiting, as last seen. */
    @Override
    public long queued() {
        return queuedWhere(job -> true);
    }

    /**
     * Jobs waiting that a worker may claim now, as last seen: the queued ones but those of the
     * deferred lane whose time has not come (docs/FAIR_USE.md, "Soft throttling"). Workers look
     * for work by this, so a deferred job costs no claim command before it is due.
     */
    public long due() {
        long now = clock.millis();
        return queuedWhere(job -> mayStart(job, now));
    }

    /** Whether a worker may take the job at {@code nowMs}: any but a deferred one before its time. */
    private static boolean mayStart(Job job, long nowMs) {
        return job.notBefore == null || job.notBefore.toEpochMilli() <= nowMs;
    }

    private long queuedWhere(java.util.function.Predicate<Job> counted) {
        Snapshot s = snapshot;
        long queued = 0;
        for (Job job : s.queued()) {
            if (counted.test(job) && !leftQueue(job.id)) {
                queued++;
            }
        }
        for (Seen seen : recent.values()) {
            Job job = seen.job();
            if (!s.active().containsKey(job.id) && job.jobStatus() == JobStatus.QUEUED && counted.test(job)) {
                queued++;
            }
        }
        return queued;
    }

    /** Jobs running, as last seen. */
    @Override
    public long running() {
        return snapshot.running();
    }

    /** Whether some running job's lease ran out before {@code now}: its worker may be gone. */
    public boolean leaseExpiredBefore(Instant now) {
        for (Job job : snapshot.active().values()) {
            if (job.jobStatus() == JobStatus.RUNNING && job.leaseUntil != null && job.leaseUntil.isBefore(now)
                    && !recent.containsKey(job.id) && !stale.contains(job.id)) {
                return true;
            }
        }
        return false;
    }

    /** How many refreshes have succeeded: a change tells that the picture is newer. */
    public long refreshes() {
        return generation.get();
    }

    /** Whether the last refresh reached the store. */
    @Override
    public boolean storeReachable() {
        return reachable;
    }

    @Override
    public int max() {
        return config.max();
    }

    /** How long ago the picture was refreshed. */
    public Duration age() {
        return Duration.ofMillis(Math.max(0, clock.millis() - refreshedAt));
    }
}
