package ai.aiart.provider.upstream;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Semaphore;

import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;

/**
 * A bulkhead per model: at most {@code perModel} calls of one model at once, for a service that limits
 * concurrent tasks per model rather than per account (DashScope: docs/PROVIDERS.md, "Bulkheads from the
 * services' limits"). A call that finds its model's slots taken is refused at once, as a full bulkhead is,
 * so the job moves to the next provider instead of waiting.
 */
public final class ModelSlots {

    private final int perModel;
    private final ConcurrentMap<String, Semaphore> slots = new ConcurrentHashMap<>();

    public ModelSlots(int perModel) {
        if (perModel < 1) {
            throw new IllegalArgumentException("at least one call of a model at once, not " + perModel);
        }
        this.perModel = perModel;
    }

    /** A slot of {@code model}, given back by {@link Slot#close()}; {@link BulkheadException} when all are taken. */
    public Slot take(String model) {
        Semaphore semaphore = slots.computeIfAbsent(model, m -> new Semaphore(perModel));
        if (!semaphore.tryAcquire()) {
            throw new BulkheadException(model + ": " + perModel + " calls of this model already running");
        }
        return new Slot(semaphore);
    }

    /** Slots of {@code model} free now. */
    public int available(String model) {
        Semaphore semaphore = slots.get(model);
        return semaphore == null ? perModel : semaphore.availablePermits();
    }

    /** One call's slot; closing it twice gives it back once. */
    public static final class Slot implements AutoCloseable {
        private Semaphore semaphore;

        private Slot(Semaphore semaphore) {
            this.semaphore = semaphore;
        }

        @Override
        public synchronized void close() {
            if (semaphore != null) {
                semaphore.release();
                semaphore = null;
            }
        }
    }
}
