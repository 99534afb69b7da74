package ai.aiart.bench;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Issue #14's bytes: what the offline renderer's results cost the store. A third backend with
 * no provider keys (its chains are the offline renderer alone; {@link Topology#startOffline}),
 * on its own database of the same store so that no other backend's worker takes its jobs, makes
 * pictures of varied prompts and styles (1024×1024) and a few videos; each result is downloaded
 * and its bytes (the stored file, served as it is) counted.
 */
final class Offline {

    /** One result: its kind, its type and its bytes as stored. */
    record Result(String kind, String contentType, long bytes) {
    }

    /** Every result, the jobs' last statuses, and the store commands of the whole scenario (the backend's start included). */
    record Outcome(List<Result> results, Map<String, Integer> statuses, double seconds, StoreProxy.Counts store) {

        List<Long> bytes(String kind) {
            return results.stream().filter(r -> r.kind().equals(kind)).map(Result::bytes).toList();
        }
    }

    static final List<String> PROMPTS = List.of(
            "a lighthouse on a cliff at dusk", "a fox in a snowy forest", "a bowl of ripe lemons on a blue table",
            "a city street in the rain at night, neon signs", "a mountain lake at sunrise with mist",
            "portrait of an old fisherman with a white beard", "a field of sunflowers under a storm sky",
            "an astronaut floating above a green planet", "a cozy library with a fireplace", "koi fish in a pond, top view",
            "a red vintage car on a desert road", "a hummingbird drinking from a purple flower");
    static final List<String> STYLES = List.of("none", "photographic", "watercolor", "oil-painting", "digital-art", "anime",
            "pixel-art", "neon-punk", "low-poly", "line-art");

    private final Topology topology;

    Offline(Topology topology) {
        this.topology = topology;
    }

    Outcome run(int pictures, int videos) throws IOException, InterruptedException {
        StoreProxy.Counts before = topology.proxy.counts();
        long t0 = System.nanoTime();
        Proc backend = topology.startOffline(2);
        try {
            topology.awaitHealthy(backend, topology.offlinePort, Duration.ofSeconds(120));
            List<Api.Accepted> jobs = new ArrayList<>();
            List<String> kinds = new ArrayList<>();
            try (MiniHttp http = new MiniHttp("127.0.0.1", topology.offlinePort, 5000)) {
                for (int i = 0; i < pictures + videos; i++) {
                    boolean video = i >= pictures;
                    String ip = Api.newVisitor();
                    String prompt = PROMPTS.get(i % PROMPTS.size());
                    String body = video ? Api.videoBody(prompt, 40_000L + i)
                            : "{\"prompt\":" + Api.quote(prompt) + ",\"style\":" + Api.quote(STYLES.get(i % STYLES.size()))
                                    + ",\"aspect_ratio\":\"1:1\",\"seed\":" + (30_000L + i) + "}";
                    String kind = video ? "text-to-video" : "text-to-image";
                    MiniHttp.Response r = http.postJson("/api/v1/generate/" + kind, Api.as(ip), body, 30_000);
                    if (r.status() != 202) {
                        throw new IllegalStateException("the offline backend answered " + r.status() + " to a " + kind + " request: " + r.text());
                    }
                    jobs.add(new Api.Accepted(Api.json(r).path("id").asText(), ip));
                    kinds.add(kind);
                }
            }
            Map<String, String> statuses = Api.awaitTerminal(topology.offlinePort, jobs, 600_000);
            List<Result> results = new ArrayList<>();
            try (MiniHttp http = new MiniHttp("127.0.0.1", topology.offlinePort, 5000)) {
                for (int i = 0; i < jobs.size(); i++) {
                    Api.Accepted job = jobs.get(i);
                    if (!"succeeded".equals(statuses.get(job.id()))) {
                        continue;
                    }
                    MiniHttp.Response r = http.get("/api/v1/jobs/" + job.id() + "/result", Api.as(job.ip()), 60_000);
                    if (r.status() == 200) {
                        String length = r.header("content-length");
                        results.add(new Result(kinds.get(i), String.valueOf(r.header("content-type")),
                                length != null ? Long.parseLong(length.trim()) : r.body().length));
                    }
                }
            }
            return new Outcome(results, Api.tally(statuses), (System.nanoTime() - t0) / 1e9, topology.proxy.counts().minus(before));
        } finally {
            backend.stop(15);
        }
    }
}
