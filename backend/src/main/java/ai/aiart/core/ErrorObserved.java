package ai.aiart.core;

/**
 * A request failed in a way nobody expected ({@code web/ProblemMappers} answers it with a plain 500):
 * fired synchronously, before the answer leaves, so that whoever keeps such records (monitoring's
 * error records, docs/OPERATIONS.md) has it without the web layer knowing who they are.
 *
 * @param failure what was thrown
 * @param method  the request's HTTP method
 * @param path    the request's path
 */
public record ErrorObserved(Throwable failure, String method, String path) {
}
