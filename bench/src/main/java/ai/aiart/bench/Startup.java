package ai.aiart.bench;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Scenario 4b: start-up, from spawning the JVM to the first 200 of /api/v1/health, of a third
 * backend joining the running store, with the primary's options and with the fallback's
 * (-XX:TieredStopAtLevel=1). Also its CPU time and resident memory at that moment.
 */
final class Startup {

    /** One start. */
    record Start(double seconds, double cpuSeconds, double rssMiB) {
    }

    private final Topology topology;

    Startup(Topology topology) {
        this.topology = topology;
    }

    /** {@code runs} starts with the options of {@code role} ("primary" or "fallback"). */
    List<Start> measure(String role, int runs) throws IOException, InterruptedException {
        List<Start> starts = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            Proc probe = topology.track(Proc.start(role + "-startup-" + i, topology.backendCommand(role),
                    topology.backendEnv(role + "-startup", topology.probePort), topology.root, topology.log(role + "-startup")));
            try {
                Duration ready = topology.awaitHealthy(probe, topology.probePort, Duration.ofSeconds(120));
                starts.add(new Start(ready.toNanos() / 1e9, probe.cpuMs() / 1000.0, probe.rssKb() / 1024.0));
            } finally {
                probe.stop(15);
            }
            Thread.sleep(500);
        }
        return starts;
    }

    static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(Double::compare);
        return sorted.isEmpty() ? Double.NaN : sorted.get(sorted.size() / 2);
    }
}
