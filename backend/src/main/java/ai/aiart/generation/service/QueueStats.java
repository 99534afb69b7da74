package ai.aiart.generation.service;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The queue length and store reachability as last seen by the {@link JobBoard}, so that health
 * answers never wait on the store. Until a refresh has succeeded the store counts as
 * unreachable: a backend that starts while its store is away says so from its first answer.
 */
@ApplicationScoped
public class QueueStats {

    private final JobBoard board;

    public QueueStats(JobBoard board) {
        this.board = board;
    }

    public long queued() {
        return board.queued();
    }

    public long running() {
        return board.running();
    }

    public boolean storeReachable() {
        return board.storeReachable();
    }
}
