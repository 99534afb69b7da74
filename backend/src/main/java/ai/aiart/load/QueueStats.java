package ai.aiart.load;

/**
 * The queue length and store reachability as last seen by the generation's job board
 * ({@code generation/service/JobBoard}, which implements this), so that load figures and health
 * answers never wait on the store. Until a refresh has succeeded the store counts as
 * unreachable: a backend that starts while its store is away says so from its first answer.
 */
public interface QueueStats {

    /** Jobs waiting, as last seen. */
    long queued();

    /** Jobs running, as last seen. */
    long running();

    /** Whether the last look at the queue reached the store. */
    boolean storeReachable();

    /** Most jobs that may wait at once ({@code aiart.queue.max}). */
    int max();
}
