package ai.aiart.store;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

import io.quarkus.logging.Log;

/**
 * Natural batching of store writes: callers hand in items and wait; one thread takes everything
 * that is waiting, lets {@code process} write it in as few store commands as it can, and starts
 * over. A lone request is written at once (no waiting window), while concurrent requests share the
 * commands of one batch: the more arrive while a batch is in flight, the larger the next one.
 * This is how a burst costs a fraction of a store command per request (docs/ARCHITECTURE.md,
 * "Store budget").
 *
 * @param <T> what a caller asks for
 * @param <R> what it gets back
 */
public final class Batcher<T, R> implements AutoCloseable {

    /** One waiting item and the answer to it, set by {@code process}. */
    public static final class Pending<T, R> {
        private final T item;
        private final CompletableFuture<R> answer = new CompletableFuture<>();

        Pending(T item) {
            this.item = item;
        }

        public T item() {
            return item;
        }

        public void complete(R result) {
            answer.complete(result);
        }

        public void fail(Throwable failure) {
            answer.completeExceptionally(failure);
        }

        boolean done() {
            return answer.isDone();
        }
    }

    private final BlockingQueue<Pending<T, R>> waiting = new LinkedBlockingQueue<>();
    private final int maxBatch;
    private final Consumer<List<Pending<T, R>>> process;
    private final Duration timeout;
    private final Thread thread;
    private volatile boolean closed;

    /**
     * @param name     the thread's name
     * @param maxBatch most items in one batch
     * @param timeout  how long a caller waits for its answer before it gives up
     * @param process  writes a batch and answers every item of it (unanswered items fail)
     */
    public Batcher(String name, int maxBatch, Duration timeout, Consumer<List<Pending<T, R>>> process) {
        this.maxBatch = maxBatch;
        this.timeout = timeout;
        this.process = process;
        this.thread = new Thread(this::run, name);
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** Hands in {@code item} and waits for its answer; rethrows what {@code process} failed it with. */
    public R submit(T item) {
        if (closed) {
            throw new IllegalStateException("shutting down");
        }
        Pending<T, R> pending = new Pending<>(item);
        waiting.add(pending);
        try {
            return pending.answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("no answer from the store within " + timeout.toMillis() + " ms", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the store", e);
        }
    }

    private void run() {
        while (!closed) {
            List<Pending<T, R>> batch = new ArrayList<>();
            try {
                Pending<T, R> first = waiting.poll(1, TimeUnit.SECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                waiting.drainTo(batch, maxBatch - 1);
                process.accept(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException | Error e) {
                batch.forEach(p -> p.fail(e));
                if (!(e instanceof RuntimeException)) {
                    Log.errorf(e, "Batch writer %s", thread.getName());
                }
            }
            IllegalStateException unanswered = new IllegalStateException("the batch left this item unanswered");
            batch.stream().filter(p -> !p.done()).forEach(p -> p.fail(unanswered));
        }
    }

    /** Items handed in and not yet taken into a batch. */
    public int waiting() {
        return waiting.size();
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        IllegalStateException stopping = new IllegalStateException("shutting down");
        waiting.forEach(p -> p.fail(stopping));
    }
}
