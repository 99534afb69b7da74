package ai.aiart.generation.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import ai.aiart.core.ErrorType;
import ai.aiart.core.ProblemException;
import ai.aiart.generation.GenerationConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.mutiny.helpers.test.AssertSubscriber;
import io.smallrye.mutiny.subscription.Cancellable;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;

/**
 * The wait for a download slot, on {@link ResultDownloads} alone: a waiting download holds no
 * thread, is served oldest first or refused after the wait, and keeps no slot it will not use.
 */
@Timeout(30) // a wait that held its thread would hold the test's for minutes
class ResultDownloadsWaitTest {

    private static Vertx vertx;

    @BeforeAll
    static void oneEventLoop() {
        vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
    }

    @AfterAll
    static void close() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    @Test
    void manyMoreWaitingDownloadsThanThreadsWaitWithoutAThreadEach() throws Exception {
        Duration wait = Duration.ofSeconds(1);
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        ResultDownloads downloads = new ResultDownloads(config(2, wait), meters, vertx);
        ResultDownloads.Slot first = take(downloads);
        ResultDownloads.Slot second = take(downloads);
        int threadsBefore = ManagementFactory.getThreadMXBean().getThreadCount();

        // far more than the 48 worker threads; begun from this one thread, each in turn
        int waiting = 500;
        List<CompletableFuture<ResultDownloads.Slot>> waiters = new ArrayList<>();
        List<String> handedOn = new CopyOnWriteArrayList<>();
        assertTimeoutPreemptively(wait, () -> {
            for (int i = 0; i < waiting; i++) {
                waiters.add(downloads.acquire(new CompletableFuture<>()).invoke(slot -> handedOn.add(Thread.currentThread().getName()))
                        .subscribeAsCompletionStage());
            }
        }, "every wait began before the first could end: none held the thread that began it");
        int grown = ManagementFactory.getThreadMXBean().getThreadCount() - threadsBefore;
        assertTrue(grown < 20, waiting + " downloads waiting took " + grown + " threads more");
        assertEquals(2, downloads.active());
        assertTrue(waiters.stream().noneMatch(CompletableFuture::isDone), "no slot is free yet");

        // a slot given back goes to the oldest waiter, handed over on a download thread
        first.release();
        ResultDownloads.Slot handed = waiters.get(0).get(5, TimeUnit.SECONDS);
        assertFalse(waiters.get(1).isDone());
        second.release();
        ResultDownloads.Slot handedNext = waiters.get(1).get(5, TimeUnit.SECONDS);
        assertEquals(2, downloads.active());

        // the others are refused once the wait is over, as before
        for (CompletableFuture<ResultDownloads.Slot> refused : waiters.subList(2, waiting)) {
            ExecutionException e = assertThrows(ExecutionException.class, () -> refused.get(5, TimeUnit.SECONDS));
            ProblemException problem = assertInstanceOf(ProblemException.class, e.getCause());
            assertEquals(ErrorType.RESOURCE_LIMIT, problem.errorType());
            assertEquals(2L, problem.toProblem().retryAfter());
            assertTrue(problem.getMessage().startsWith("Many pictures are being downloaded right now."));
        }
        assertEquals(waiting - 2, meters.counter("aiart.result.downloads.refused").count());
        assertEquals(2, handedOn.size());
        assertTrue(handedOn.stream().allMatch(name -> name.startsWith("aiart-download-")), handedOn.toString());

        handed.release();
        handedNext.release();
        assertEquals(0, downloads.active());
    }

    @Test
    void aDownloadThatWasRefusedOrLeftKeepsNoSlot() throws Exception {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        ResultDownloads downloads = new ResultDownloads(config(1, Duration.ofMillis(200)), meters, vertx);
        ResultDownloads.Slot held = take(downloads);

        CompletableFuture<ResultDownloads.Slot> timedOut = downloads.acquire(new CompletableFuture<>()).subscribeAsCompletionStage();
        CompletableFuture<Void> clientGone = new CompletableFuture<>();
        CompletableFuture<ResultDownloads.Slot> left = downloads.acquire(clientGone).subscribeAsCompletionStage();
        Cancellable cancelled = downloads.acquire(new CompletableFuture<>()).subscribe().with(slot -> {
        });
        clientGone.complete(null); // its response is over: the client hung up while it waited
        cancelled.cancel();
        ExecutionException e = assertThrows(ExecutionException.class, () -> timedOut.get(5, TimeUnit.SECONDS));
        assertInstanceOf(ProblemException.class, e.getCause());
        assertTrue(left.isDone(), "the wait of a download whose response is over ends");
        assertEquals(1, meters.counter("aiart.result.downloads.refused").count(), "only the one that waited its time out");

        held.release(); // no waiter left to hand it to
        assertEquals(0, downloads.active());

        // handed a slot, then its response ends before it streams anything: the slot goes back
        held = take(downloads);
        CompletableFuture<Void> over = new CompletableFuture<>();
        CompletableFuture<ResultDownloads.Slot> late = downloads.acquire(over).subscribeAsCompletionStage();
        held.release();
        late.get(5, TimeUnit.SECONDS);
        assertEquals(1, downloads.active());
        over.complete(null);
        assertEquals(0, downloads.active());
    }

    @Test
    void aSlotHandedToADownloadAsItIsCancelledGoesBack() throws Exception {
        ResultDownloads downloads = new ResultDownloads(config(1, Duration.ofSeconds(5)), new SimpleMeterRegistry(), vertx);
        for (int i = 0; i < 200; i++) {
            ResultDownloads.Slot held = take(downloads);
            Cancellable waiting = downloads.acquire(new CompletableFuture<>()).subscribe().with(ResultDownloads.Slot::release);
            CountDownLatch go = new CountDownLatch(1);
            Thread releaser = new Thread(() -> {
                awaitQuietly(go);
                held.release();
            });
            releaser.start();
            go.countDown();
            waiting.cancel();
            releaser.join();
            awaitActive(downloads, 0);
        }
    }

    @Test
    void piecesAreReadOnTheDownloadsThreadsOnlyAsTheWriterAsks() throws Exception {
        ResultDownloads downloads = new ResultDownloads(config(2, Duration.ofSeconds(1)), new SimpleMeterRegistry(), vertx);
        ResultDownloads.Slot slot = take(downloads);
        int length = 3 * ResultDownloads.PIECE + 10;
        List<String> readers = new CopyOnWriteArrayList<>();
        AtomicBoolean closed = new AtomicBoolean();
        InputStream content = new ByteArrayInputStream(new byte[length]) {
            @Override
            public synchronized int read(byte[] into, int off, int len) {
                readers.add(Thread.currentThread().getName());
                return super.read(into, off, len);
            }

            @Override
            public void close() {
                closed.set(true);
            }
        };

        AssertSubscriber<byte[]> writer = downloads.pieces(content, slot).subscribe().withSubscriber(AssertSubscriber.create(0));
        writer.request(1);
        writer.awaitItems(1, Duration.ofSeconds(5));
        assertEquals(length - ResultDownloads.PIECE, content.available(), "one piece read for the one asked for");
        writer.request(Long.MAX_VALUE);
        writer.awaitCompletion(Duration.ofSeconds(5));
        assertEquals(length, writer.getItems().stream().mapToInt(piece -> piece.length).sum());
        assertTrue(readers.stream().allMatch(name -> name.startsWith("aiart-download-")), readers.toString());
        assertTrue(closed.get());
        assertEquals(0, downloads.active());
    }

    private static ResultDownloads.Slot take(ResultDownloads downloads) {
        return downloads.acquire(new CompletableFuture<>()).await().atMost(Duration.ofSeconds(5));
    }

    private static void awaitActive(ResultDownloads downloads, int held) {
        Instant deadline = Instant.now().plusSeconds(5);
        while (downloads.active() != held) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError(downloads.active() + " slots still held, expected " + held);
            }
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The two settings ResultDownloads reads; GenerationConfig is an interface, and Mockito is not at hand. */
    private static GenerationConfig config(int maxConcurrentDownloads, Duration downloadWait) {
        return answering(GenerationConfig.class,
                Map.of("maxConcurrentDownloads", maxConcurrentDownloads, "downloadWait", downloadWait));
    }

    private static <T> T answering(Class<T> type, Map<String, Object> answers) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            Object answer = answers.get(method.getName());
            if (answer == null) {
                throw new UnsupportedOperationException(method.getName());
            }
            return answer;
        }));
    }
}
