package ai.aiart.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

class BatcherTest {

    @Test
    void whatArrivesWhileABatchIsWrittenGoesTogetherIntoTheNext() throws Exception {
        CountDownLatch firstStarted = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<List<Integer>> batches = java.util.Collections.synchronizedList(new ArrayList<>());
        try (Batcher<Integer, Integer> batcher = new Batcher<>("test", 100, Duration.ofSeconds(10), batch -> {
            batches.add(batch.stream().map(Batcher.Pending::item).toList());
            firstStarted.countDown();
            await(release);
            batch.forEach(p -> p.complete(p.item() * 10));
        })) {
            ExecutorService callers = Executors.newFixedThreadPool(21);
            Future<Integer> first = callers.submit(() -> batcher.submit(0));
            assertEquals(true, firstStarted.await(5, TimeUnit.SECONDS));
            List<Future<Integer>> rest = new ArrayList<>();
            for (int i = 1; i <= 20; i++) {
                int item = i;
                rest.add(callers.submit(() -> batcher.submit(item)));
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (batcher.waiting() < 20 && System.nanoTime() < deadline) {
                Thread.sleep(10); // until all 20 are handed in, while the first batch still holds the writer
            }
            release.countDown();
            assertEquals(0, first.get(5, TimeUnit.SECONDS));
            for (int i = 0; i < 20; i++) {
                assertEquals((i + 1) * 10, rest.get(i).get(5, TimeUnit.SECONDS));
            }
            callers.shutdown();
        }
        assertEquals(2, batches.size(), "one lone item, then everything that waited: " + batches);
        assertEquals(1, batches.get(0).size());
        assertEquals(20, batches.get(1).size());
    }

    @Test
    void aFailedBatchFailsEachOfItsItemsAndTheWriterCarriesOn() {
        try (Batcher<String, String> batcher = new Batcher<>("test", 10, Duration.ofSeconds(10), batch -> {
            if (batch.get(0).item().equals("bad")) {
                throw new IllegalArgumentException("store refused");
            }
            batch.forEach(p -> p.complete("ok " + p.item()));
        })) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> batcher.submit("bad"));
            assertEquals("store refused", e.getMessage());
            assertEquals("ok good", batcher.submit("good"));
        }
    }

    @Test
    void anItemTheBatchLeavesUnansweredFailsInsteadOfWaitingForever() {
        try (Batcher<String, String> batcher = new Batcher<>("test", 10, Duration.ofSeconds(10), batch -> {
        })) {
            assertThrows(IllegalStateException.class, () -> batcher.submit("forgotten"));
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
