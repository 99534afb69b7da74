package ai.aiart.generation;

import java.time.Instant;

/** A job as the API shows it (DESIGN §3). */
public record JobView(
        String id,
        JobKind kind,
        JobStatus status,
        Long position,
        Long etaSeconds,
        Double progress,
        String tier,
        String provider,
        Instant createdAt,
        Instant startedAt,
        Instant completedAt,
        ErrorView error,
        ResultView result,
        Links links) {

    public record ErrorView(String code, String message) {
    }

    public record ResultView(String contentType, int width, int height, Double durationSeconds, String provider, String url) {
    }

    public record Links(String self, String events, String cancel, String result) {
    }
}
