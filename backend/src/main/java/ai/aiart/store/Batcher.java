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

    /**
     * Hands in several items at once (they are most likely decided in the same batch) and waits
     * for all their answers, in order. When some fail, throws {@link PartialFailure} once every
     * item is answered, with the answers of the others.
     */
    public List<R> submitAll(List<T> items) {
        if (closed) {
            throw new IllegalStateException("shutting down");
        }
        List<Pending<T, R>> pending = items.stream().map(item -> new Pending<T, R>(item)).toList();
        waiting.addAll(pending);
        long deadline = System.nanoTime() + timeout.toNanos();
        List<R> answers = new ArrayList<>(pending.size());
        RuntimeException failure = null;
        for (Pending<T, R> p : pending) {
            try {
                answers.add(p.answer.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
            } catch (ExecutionException e) {
                answers.add(null);
                if (failure == null) {
                    failure = e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
                }
            } catch (TimeoutException e) {
                answers.add(null);
                if (failure == null) {
                    failure = new IllegalStateException("no answer from the store within " + timeout.toMillis() + " ms", e);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the store", e);
            }
        }
        if (failure != null) {
            throw new PartialFailure(failure, answers);
        }
        return answers;
    }

    /** {@link #submitAll} failed for some items; {@link #answers()} holds the others' answers (null for the failed ones). */
    public static final class PartialFailure extends RuntimeException {
        private final transient List<?> answers;

        PartialFailure(RuntimeException cause, List<?> answers) {
            super(cause.getMessage(), cause);
            this.answers = answers;
        }

        public List<?> answers() {
            return answers;
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
