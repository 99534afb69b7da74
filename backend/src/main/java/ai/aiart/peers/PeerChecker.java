package ai.aiart.peers;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import ai.aiart.auth.CallersConfig;
import ai.aiart.config.AiartConfig;
import ai.aiart.generation.service.Workforce;
import ai.aiart.load.Hibernation;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;

/**
 * Checks the other backends on a schedule and records what it saw (docs/OPERATIONS.md): with the
 * internal key ({@code aiart.internal-api-key}) their {@code /api/v1/internal/status}, which also
 * tells how many workers they have (the wait estimate counts them, {@link Workforce}); without
 * one, their public {@code /api/v1/health}. Paused while this instance hibernates.
 */
@ApplicationScoped
public class PeerChecker {

    private final BackendHealthRepository repository;
    private final AiartConfig config;
    private final PeersConfig peers;
    private final ObjectMapper json;
    private final Clock clock;
    private final HttpClient http;
    private final java.util.Map<String, BackendHealth> last = new java.util.concurrent.ConcurrentHashMap<>();
    private final Workforce workforce;
    private final java.util.Optional<String> internalKey;

    public PeerChecker(BackendHealthRepository repository, AiartConfig config, PeersConfig peers, CallersConfig callers,
            ObjectMapper json, Clock clock, Workforce workforce) {
        this.repository = repository;
        this.workforce = workforce;
        this.internalKey = callers.internalApiKey().map(String::trim).filter(k -> !k.isEmpty());
        this.config = config;
        this.peers = peers;
        this.json = json;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(peers.timeout()).build();
    }

    @Scheduled(identity = "peer-checks", every = "{aiart.peers.check-every}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Hibernation.WhileHibernating.class)
    void scheduledCheck() {
        checkAll();
    }

    /** Checks every configured peer now. */
    public List<BackendHealth> checkAll() {
        return peers.urls().orElse(List.of()).stream().map(this::check).toList();
    }

    BackendHealth check(String url) {
        String base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        // this instance is the only writer of its records about its peers: what it wrote last is what is stored
        BackendHealth health = last.computeIfAbsent(id(base), id -> repository.findByIdOptional(id).orElseGet(BackendHealth::new));
        health.id = id(base);
        health.checkedBy = config.instance();
        health.backendUrl = base;
        long start = System.nanoTime();
        String refused = null;
        try {
            HttpResponse<String> response = null;
            if (internalKey.isPresent()) {
                response = get(base + "/api/v1/internal/status", internalKey.get());
                if (response.statusCode() == 401 || response.statusCode() == 403) {
                    // the peer has another key, or none: its public health still says whether it is up
                    refused = "internal status refused (HTTP " + response.statusCode()
                            + "): do the backends share AIART_INTERNAL_API_KEY?";
                    response = null;
                }
            }
            if (response == null) {
                response = get(base + "/api/v1/health", null);
            }
            JsonNode body = json.readTree(response.body());
            JsonNode figures = response.statusCode() == 200 ? body : body.path("health");
            health.status = figures.path("status").asText(response.statusCode() == 200 ? "healthy" : "down");
            health.instance = figures.path("instance").asText(null);
            health.hibernating = figures.path("hibernating").asBoolean(false);
            health.workers = figures.has("workers") ? figures.path("workers").asInt() : null;
            health.errorCount = response.statusCode() == 200 ? 0 : health.errorCount + 1;
            health.lastError = response.statusCode() == 200 ? refused : "HTTP " + response.statusCode();
        } catch (IOException | RuntimeException e) {
            health.status = "unreachable";
            health.workers = null;
            health.errorCount++;
            health.lastError = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return health;
        }
        boolean working = ("healthy".equals(health.status) || "degraded".equals(health.status))
                && !Boolean.TRUE.equals(health.hibernating) && health.workers != null;
        workforce.observed(base, working ? health.workers : 0);
        health.responseTime = (System.nanoTime() - start) / 1_000_000;
        health.lastCheck = Instant.now(clock);
        try {
            repository.persistOrUpdate(health);
        } catch (RuntimeException e) {
            Log.warnf("Could not record the health of %s: %s", base, e.toString());
        }
        return health;
    }

    private HttpResponse<String> get(String url, String key) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(peers.timeout())
                .header("Accept", "application/json").GET();
        if (key != null) {
            request.header(ai.aiart.auth.internal.InternalKeyFilter.HEADER, key);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private String id(String url) {
        return config.instance() + "|" + url;
    }
}
