package ai.aiart.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class GroupCommitTest {

    @Test
    void aLoneWriterCommitsItself() {
        AtomicInteger commits = new AtomicInteger();
        GroupCommit group = new GroupCommit(commits::incrementAndGet);
        group.awaitDurable();
        group.awaitDurable();
        assertEquals(2, commits.get());
    }

    /**
     * Each writer makes a change (a counter goes up), then waits. Every commit records the
     * counter as it was when the commit started; a writer may only return once a commit that
     * started after its change has finished.
     */
    @Test
    void noWriterReturnsBeforeACommitThatIncludesItsChange() throws Exception {
        AtomicLong changes = new AtomicLong();
        AtomicLong committedUpTo = new AtomicLong();
        GroupCommit group = new GroupCommit(() -> {
            long seen = changes.get();
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            committedUpTo.accumulateAndGet(seen, Math::max);
        });
        int writers = 8;
        int each = 200;
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        for (int w = 0; w < writers; w++) {
            Thread thread = new Thread(() -> {
                try {
                    start.await();
                    for (int i = 0; i < each; i++) {
                        long mine = changes.incrementAndGet();
                        group.awaitDurable();
                        if (committedUpTo.get() < mine) {
                            throw new AssertionError("change " + mine + " acknowledged before it was committed ("
                                    + committedUpTo.get() + ")");
                        }
                    }
                } catch (Throwable t) {
                    failures.add(t);
                }
            });
            thread.start();
            threads.add(thread);
        }
        start.countDown();
        for (Thread thread : threads) {
            thread.join();
        }
        assertTrue(failures.isEmpty(), () -> failures.toString());
        assertTrue(group.commits() < writers * each,
                "concurrent writers shared commits: " + group.commits() + " for " + writers * each + " writes");
    }
}
