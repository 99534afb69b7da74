package ai.aiart.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.DoubleConsumer;

import org.junit.jupiter.api.Test;

import ai.aiart.core.JobKind;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.smallrye.faulttolerance.api.CircuitBreakerState;

class ProviderChainTest {

    private final Breakers breakers = new Breakers();
    private final FakeProvider stability = new FakeProvider("stability", true, JobKind.TEXT_TO_IMAGE, JobKind.IMAGE_TO_IMAGE);
    private final FakeProvider gemini = new FakeProvider("gemini", true, JobKind.values());
    private final FakeProvider dashscope = new FakeProvider("dashscope", false, JobKind.TEXT_TO_IMAGE, JobKind.TEXT_TO_VIDEO);
    private final FakeProvider local = new FakeProvider("local", true, JobKind.values());

    @Test
    void theConfiguredOrderIsKeptAndUnconfiguredProvidersAreLeftOut() {
        ProviderChain chain = chain("stability,gemini,dashscope,local");

        assertEquals(List.of("stability", "gemini", "local"), names(chain.forKind(JobKind.TEXT_TO_IMAGE)));
    }

    @Test
    void providersThatCannotMakeTheKindAreLeftOut() {
        ProviderChain chain = chain("stability,gemini,dashscope,local");

        assertEquals(List.of("gemini", "local"), names(chain.forKind(JobKind.TEXT_TO_VIDEO)));
    }

    @Test
    void theOfflineRendererAlwaysEndsTheChain() {
        assertEquals(List.of("gemini", "stability", "local"),
                names(chain("local,gemini,stability").forKind(JobKind.TEXT_TO_IMAGE)));
        assertEquals(List.of("gemini", "local"), names(chain("gemini").forKind(JobKind.TEXT_TO_IMAGE)));
    }

    @Test
    void unknownNamesAndBlanksAreIgnored() {
        assertEquals(List.of("gemini", "local"), names(chain(" midjourney , gemini ,,").forKind(JobKind.TEXT_TO_IMAGE)));
    }

    @Test
    void aProviderWithAnOpenCircuitIsSkippedUntilItHalfOpens() {
        ProviderChain chain = chain("stability,gemini,local");

        breakers.states.put("stability", CircuitBreakerState.OPEN);
        assertEquals(List.of("gemini", "local"), names(chain.forKind(JobKind.TEXT_TO_IMAGE)));

        breakers.states.put("stability", CircuitBreakerState.HALF_OPEN);
        assertEquals(List.of("stability", "gemini", "local"), names(chain.forKind(JobKind.TEXT_TO_IMAGE)));
    }

    @Test
    void stateSaysUpDownOrOpenForEveryProvider() {
        ProviderChain chain = chain("stability,gemini,dashscope,local");
        breakers.states.put("gemini", CircuitBreakerState.OPEN);

        assertEquals(Map.of("stability", "up", "gemini", "open", "dashscope", "down", "local", "up"), chain.states());
        assertEquals(List.of("stability", "gemini", "dashscope", "local"), names(chain.all()));
        assertEquals(List.of(JobKind.values()), chain.availableKinds());
    }

    @Test
    void aMisconfiguredKindIsSkippedForThatKindOnlyUntilTheCanaryClearsIt() {
        ProviderChain chain = chain("gemini,stability,local");
        String reason = "gemini: text-to-image model m does not exist upstream (404 NOT_FOUND)";

        chain.misconfigured(Map.of("gemini", Map.of(JobKind.TEXT_TO_IMAGE, reason)));

        assertEquals(List.of("stability", "local"), names(chain.forKind(JobKind.TEXT_TO_IMAGE)));
        assertEquals(List.of("gemini", "stability", "local"), names(chain.forKind(JobKind.IMAGE_TO_IMAGE)));
        assertEquals("misconfigured", chain.states().get("gemini"));
        assertEquals(Map.of("gemini", Map.of("text-to-image", reason)), chain.misconfiguredReasons());

        chain.misconfigured(Map.of());
        assertEquals(List.of("gemini", "stability", "local"), names(chain.forKind(JobKind.TEXT_TO_IMAGE)));
        assertEquals("up", chain.states().get("gemini"));
        assertEquals(Map.of(), chain.misconfiguredReasons());
    }

    @Test
    void aPausedProviderIsSkippedAndSaysSoUntilItsPauseEnds() {
        ProviderChain chain = chain("stability,gemini,local");

        stability.paused().set(java.time.Instant.now().plusSeconds(60));
        assertEquals(List.of("gemini", "local"), names(chain.forKind(JobKind.TEXT_TO_IMAGE)));
        assertEquals("paused", chain.states().get("stability"));

        stability.paused().set(null); // over (the provider forgets an expired pause)
        assertEquals(List.of("stability", "gemini", "local"), names(chain.forKind(JobKind.TEXT_TO_IMAGE)));
        assertEquals("up", chain.states().get("stability"));
    }

    private ProviderChain chain(String order) {
        List<String> names = List.of(order.split(",", -1));
        ProvidersConfig.Chain chains = new ProvidersConfig.Chain() {
            @Override
            public List<String> textToImage() {
                return names;
            }

            @Override
            public List<String> imageToImage() {
                return names;
            }

            @Override
            public List<String> textToVideo() {
                return names;
            }

            @Override
            public List<String> imageToVideo() {
                return names;
            }
        };
        return new ProviderChain(List.of(local, dashscope, gemini, stability), chains, breakers);
    }

    private static List<String> names(List<ImageProvider> providers) {
        return providers.stream().map(ImageProvider::name).toList();
    }

    private record FakeProvider(String name, boolean configured, Set<JobKind> kinds,
            java.util.concurrent.atomic.AtomicReference<java.time.Instant> paused) implements ImageProvider {

        FakeProvider(String name, boolean configured, JobKind... kinds) {
            this(name, configured, EnumSet.copyOf(List.of(kinds)), new java.util.concurrent.atomic.AtomicReference<>());
        }

        @Override
        public java.util.Optional<java.time.Instant> pausedUntil() {
            return java.util.Optional.ofNullable(paused.get());
        }

        @Override
        public GeneratedMedia generate(GenerationRequest request, DoubleConsumer progress) {
            throw new UnsupportedOperationException();
        }
    }

    /** Breakers exist for the upstream providers only, as in the application. */
    private static final class Breakers implements CircuitBreakerMaintenance {
        final Map<String, CircuitBreakerState> states = new HashMap<>();

        @Override
        public CircuitBreakerState currentState(String name) {
            if (name.equals("local")) {
                throw new IllegalArgumentException("Circuit breaker '" + name + "' doesn't exist");
            }
            return states.getOrDefault(name, CircuitBreakerState.CLOSED);
        }

        @Override
        public void onStateChange(String name, Consumer<CircuitBreakerState> callback) {
        }

        @Override
        public void reset(String name) {
            states.remove(name);
        }

        @Override
        public void resetAll() {
            states.clear();
        }
    }
}
