package ai.aiart.provider.upstream;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;

/**
 * Builds a provider's REST client from {@code aiart.providers.*}: base URL and timeouts come
 * from one place, and tests point clients at a stub by overriding the base URL.
 */
public final class RestClients {

    private RestClients() {
    }

    public static <T> T build(Class<T> api, String baseUrl, Duration connectTimeout, Duration readTimeout) {
        return QuarkusRestClientBuilder.newBuilder()
                .baseUri(URI.create(baseUrl))
                .connectTimeout(connectTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(readTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .build(api);
    }
}
