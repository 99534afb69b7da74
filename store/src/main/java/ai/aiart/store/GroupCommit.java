package ai.aiart.store;

/**
 * Makes writes durable with as few commits as possible: a writer whose change is in memory calls
 * {@link #awaitDurable()}, which returns once a commit that started after that call has finished.
 * One waiting writer runs the commit while the others wait; writers that arrive during a commit
 * are all covered by the next one. So under load N concurrent writes share one commit instead of
 * N, and no write is acknowledged before the file holds it.
 */
final class GroupCommit {

    private final Runnable commit;
    private long registered;
    private long durable;
    private boolean committing;
    private long commits;

    GroupCommit(Runnable commit) {
        this.commit = commit;
    }

    /** Returns once every change made before this call is committed. */
    void awaitDurable() {
        long mine;
        synchronized (this) {
            mine = ++registered;
        }
        while (true) {
            long upTo;
            synchronized (this) {
                while (durable < mine && committing) {
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException("interrupted while waiting for a commit", e);
                    }
                }
                if (durable >= mine) {
                    return;
                }
                committing = true;
                upTo = registered;
            }
            try {
                commit.run();
                synchronized (this) {
                    durable = upTo;
                    commits++;
                }
            } finally {
                synchronized (this) {
                    committing = false;
                    notifyAll();
                }
            }
        }
    }

    /** How many commits have been made (for tests and diagnostics). */
    synchronized long commits() {
        return commits;
    }
}
