package ai.aiart.monitoring;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.mongodb.client.MongoClient;
import com.mongodb.client.model.Filters;

import ai.aiart.config.AiartConfig;
import ai.aiart.store.StoreCommands;

import ai.aiart.support.EmbeddedStoreResource;
import ai.aiart.support.InjectWireMock;
import ai.aiart.support.TestClock;
import ai.aiart.support.WireMockWebhook;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Alerts open, de-duplicate, resolve and cool down on a clock the test moves; the webhook hears of each change. */
@QuarkusTest
@QuarkusTestResource(EmbeddedStoreResource.class)
@QuarkusTestResource(value = WireMockWebhook.class, restrictToAnnotatedClass = true)
class AlertManagerTest {

    private static final AlertManager.Readings CALM = new AlertManager.Readings(0.2, 0.3, 0.0, 120);
    private static final AlertManager.Readings HOT_CPU = new AlertManager.Readings(0.93, 0.3, 0.0, 120);

    @Inject
    AlertManager manager;
    @Inject
    AlertRepository alerts;
    @Inject
    TestClock clock;
    @InjectWireMock
    WireMockServer webhook;
    @Inject
    io.smallrye.faulttolerance.api.CircuitBreakerMaintenance breakers;
    @Inject
    AiartConfig config;
    @Inject
    MongoClient mongo;
    @Inject
    AdminMonitoringResource adminFigures;
    @Inject
    StoreCommands commands;

    @BeforeEach
    void setUp() {
        breakers.resetAll();
        alerts.deleteAll();
        mongo.getDatabase("aiart").getCollection("resource_metrics").deleteMany(Filters.ne("instance", config.instance()));
        clock.freeze();
        // this instance's own rate is that of its last minute: move past what earlier tests sent
        clock.advance(Duration.ofMinutes(10));
        webhook.resetAll();
        webhook.stubFor(post(urlEqualTo("/hooks/aiart")).willReturn(aResponse().withStatus(204)));
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void anOpenAlertKeepsTheFigureItsMessageStatesBesideItsPeak() {
        manager.evaluate(HOT_CPU);
        clock.advance(Duration.ofMinutes(1));
        manager.evaluate(new AlertManager.Readings(0.99, 0.3, 0.0, 120));
        Alert alert = alerts.recent(10).get(0);
        assertEquals("open", alert.status);
        assertEquals(0.99, alert.value, 1e-9, "value is the peak while open");
        assertEquals(0.93, alert.openedValue, 1e-9, "opened_value is the figure at opening");
        assertTrue(alert.message.contains("CPU at 93%"), alert.message);
        io.restassured.RestAssured.given().get("/api/v1/admin/alerts").then().statusCode(401);
    }

    @Test
    void anAlertOpensOnceResolvesAndStaysQuietThroughItsCooldown() {
        List<Alert> opened = manager.evaluate(HOT_CPU);
        assertEquals(1, opened.size());
        assertEquals("cpu", opened.get(0).metric);
        assertEquals("open", opened.get(0).status);

        clock.advance(Duration.ofMinutes(1));
        assertTrue(manager.evaluate(HOT_CPU).isEmpty(), "still hot: the open alert is not raised again");
        assertEquals(1, alerts.count());

        clock.advance(Duration.ofMinutes(1));
        List<Alert> resolved = manager.evaluate(CALM);
        assertEquals("resolved", resolved.get(0).status);
        assertEquals(clock.instant(), resolved.get(0).resolvedAt);

        clock.advance(Duration.ofMinutes(5));
        assertTrue(manager.evaluate(HOT_CPU).isEmpty(), "within the 15-minute cooldown nothing reopens");
        clock.advance(Duration.ofMinutes(11));
        assertEquals(1, manager.evaluate(HOT_CPU).size(), "after the cooldown it opens again");
        assertEquals(2, alerts.count());

        webhook.verify(2, postRequestedFor(urlEqualTo("/hooks/aiart"))
                .withRequestBody(matchingJsonPath("$.content", containing("CPU at 93% (threshold 85%)")))
                .withRequestBody(matchingJsonPath("$.text", containing("CPU at 93%")))
                .withRequestBody(matchingJsonPath("$.content", containing("🔴"))));
        webhook.verify(1, postRequestedFor(urlEqualTo("/hooks/aiart"))
                .withRequestBody(matchingJsonPath("$.content", containing("Resolved"))));
        webhook.verify(3, postRequestedFor(urlEqualTo("/hooks/aiart")));
        io.restassured.RestAssured.given().get("/q/metrics").then()
                .body(org.hamcrest.Matchers.containsString("ft_invocations_total{"))
                .body(org.hamcrest.Matchers.containsString("ft_circuitbreaker_state_current{"));
    }

    @Test
    void everyThresholdIsWatched() {
        List<Alert> opened = manager.evaluate(new AlertManager.Readings(0.9, 0.95, 0.2, 45_000));
        assertEquals(List.of("cpu", "memory", "error_rate", "response_time"), opened.stream().map(a -> a.metric).toList());
    }

    @Test
    void theStoreAlertWeighsEveryLiveBackendAgainstTheClusterBudget() {
        String self = config.instance();
        assertTrue(manager.evaluateStoreOps().isEmpty(), "this instance alone, a few commands a second");
        snapshot(self + "-b", 0, 45.0);
        assertTrue(manager.evaluateStoreOps().isEmpty(), "45 a second and this instance's few: under 70 % of 100");

        snapshot(self + "-c", 1, 30.0); // a second peer, its latest snapshot a minute old
        List<Alert> opened = manager.evaluateStoreOps();
        assertEquals(1, opened.size(), "45 + 30 + this instance's own: above 70 % of 100");
        Alert alert = opened.get(0);
        assertEquals(AlertManager.CLUSTER, alert.instance, "one alert for the cluster, not one per backend");
        assertEquals("store_ops", alert.metric);
        assertEquals(0.7, alert.threshold);
        assertTrue(alert.value > 0.75 && alert.value < 0.8, "the share of the budget: " + alert.value);
        assertTrue(manager.evaluateStoreOps().isEmpty(), "still open: not raised again");
        AdminMonitoringResource.StoreBudgetView view = adminFigures.store(); // GET /api/v1/admin/store
        assertEquals(100, view.budget());
        assertEquals(0.7, view.alertShare());
        assertEquals(List.of(self, self + "-b", self + "-c"), List.copyOf(view.instances().keySet()));
        assertEquals(45.0, view.instances().get(self + "-b"));
        assertTrue(view.perSecond() > 75 && view.perSecond() < 80 && Math.abs(view.share() - view.perSecond() / 100) < 1e-3, view.toString());
        webhook.verify(1, postRequestedFor(urlEqualTo("/hooks/aiart"))
                .withRequestBody(matchingJsonPath("$.content", containing("AiArt cluster: store commands at 7")))
                .withRequestBody(matchingJsonPath("$.content", containing("from 3 backends")))
                .withRequestBody(matchingJsonPath("$.content", containing(self + "-b 45.0, " + self + "-c 30.0")))
                .withRequestBody(matchingJsonPath("$.content", containing("of the budget of 100 a second (threshold 70%)"))));

        snapshot(self + "-c", 0, 5.0); // the second peer calmed down: its latest snapshot counts
        List<Alert> resolved = manager.evaluateStoreOps();
        assertEquals("resolved", resolved.get(0).status);
        webhook.verify(1, postRequestedFor(urlEqualTo("/hooks/aiart")).withRequestBody(matchingJsonPath("$.content", containing("Resolved — AiArt cluster"))));
    }

    @Test
    void anEvaluationWithNothingToChangeCostsOneStoreCommandAndTheStoreAlertTwo() {
        manager.evaluateStoreOps(); // the first reading creates the snapshots' index
        long alertReads = commands.count("find", "alerts");
        long snapshotReads = commands.count("find", "resource_metrics");
        manager.evaluate(CALM);
        assertEquals(alertReads + 1, commands.count("find", "alerts"), "the open alerts of all four metrics in one query");
        manager.evaluateStoreOps();
        assertEquals(snapshotReads + 1, commands.count("find", "resource_metrics"), "the other backends' latest snapshots");
        assertEquals(alertReads + 2, commands.count("find", "alerts"), "the cluster's open store alert");
    }

    @Test
    void snapshotsOfBackendsNoLongerLiveDoNotCount() {
        snapshot(config.instance() + "-b", 4, 95.0); // gone four minutes ago (or hibernating: no snapshots)
        assertTrue(manager.evaluateStoreOps().isEmpty());
        assertEquals(0, alerts.count());
    }

    @Test
    void onlyTheLiveBackendWithTheSmallestNameRaisesTheStoreAlert() {
        snapshot("-peer", 0, 95.0); // sorts before any host name: that backend evaluates, this one does not
        assertTrue(manager.evaluateStoreOps().isEmpty());
        assertEquals(0, alerts.count());
    }

    /** A minute snapshot of another backend, {@code minutesAgo} before now, with its store rate. */
    private void snapshot(String instance, int minutesAgo, double storeOpsPerSecond) {
        ResourceMetrics m = new ResourceMetrics();
        m.instance = instance;
        m.at = clock.instant().minus(Duration.ofMinutes(minutesAgo));
        m.storeOpsPerSecond = storeOpsPerSecond;
        m.storeCommands = Math.round(storeOpsPerSecond * 60);
        mongo.getDatabase("aiart").getCollection("resource_metrics", ResourceMetrics.class).insertOne(m);
    }

    @Test
    void aFailingWebhookDoesNotStopTheAlert() {
        webhook.stubFor(post(urlEqualTo("/hooks/aiart")).willReturn(aResponse().withStatus(500)));
        assertEquals(1, manager.evaluate(new AlertManager.Readings(0.2, 0.99, 0, 10)).size());
        assertEquals("open", alerts.open(alerts.findAll().firstResult().instance, "memory").orElseThrow().status);
        webhook.verify(3, postRequestedFor(urlEqualTo("/hooks/aiart")));
    }
}
