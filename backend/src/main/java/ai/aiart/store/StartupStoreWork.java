package ai.aiart.store;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;

/**
 * The start-up work that needs the store: its indexes, the first picture of the queue, the reuse
 * hints, re-encryption (docs/ARCHITECTURE.md, "Starting without the store"). Each piece runs on the
 * start-up thread, before the first request, while the store answers. Once a piece finds the store
 * out of reach (the driver waited its server-selection timeout, 5 s, for it), the pieces after it
 * do not wait again: the backend starts at once and says in {@code /q/health/ready} that its store
 * is down. The pieces that nothing else repeats (indexes, re-encryption) are kept and run every
 * {@link #RETRY_EVERY} until the store answers; the others refresh on their own schedules.
 */
@ApplicationScoped
public class StartupStoreWork {

    /** How often work kept for later is tried again while the store has not answered. */
    static final String RETRY_EVERY = "15s";

    private final Map<String, Runnable> kept = new LinkedHashMap<>();
    private volatile boolean unreachable;

    /**
     * Runs {@code work} now, unless the store was found out of reach earlier in this start; a
     * piece that {@code repeat}s is then kept and tried again later. A failure that is not the
     * store's absence is logged and dropped, as before this class: the queries still work without
     * an index, only slower.
     */
    public synchronized void run(String what, boolean repeat, Runnable work) {
        if (unreachable) {
            if (repeat) {
                kept.put(what, work);
            }
            Log.debugf("Start-up: %s waits for the store", what);
            return;
        }
        attempt(what, repeat, false, work);
    }

    /** Tries the kept work again; nothing (no command) when there is none. */
    @Scheduled(every = RETRY_EVERY, delayed = RETRY_EVERY, concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    public synchronized void retryKept() {
        if (kept.isEmpty()) {
            return;
        }
        unreachable = false;
        Map<String, Runnable> again = new LinkedHashMap<>(kept);
        kept.clear();
        again.forEach((what, work) -> {
            if (unreachable) {
                kept.put(what, work);
            } else if (attempt(what, true, true, work)) {
                Log.infof("Start-up: %s done now that the store answers", what);
            }
        });
    }

    /** Whether some start-up work still waits for the store. */
    public synchronized boolean waiting() {
        return !kept.isEmpty();
    }

    private boolean attempt(String what, boolean repeat, boolean again, Runnable work) {
        try {
            work.run();
            return true;
        } catch (RuntimeException e) {
            if (isAbsence(e)) {
                unreachable = true;
                if (repeat) {
                    kept.put(what, work);
                }
                if (again) {
                    Log.debugf("Start-up: the store still does not answer (%s)", e.getClass().getSimpleName());
                } else {
                    Log.warnf("Start-up: the store did not answer (%s); %s and the store's other start-up work wait for it, "
                            + "the backend starts without it", e.getClass().getSimpleName(), what);
                }
            } else {
                Log.warnf("Start-up: %s failed: %s", what, e.toString());
            }
            return false;
        }
    }

    /** The driver's ways of saying that the store is not there (as the API's 503 mapping reads them). */
    static boolean isAbsence(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof MongoTimeoutException || t instanceof MongoSocketException) {
                return true;
            }
        }
        return false;
    }
}
