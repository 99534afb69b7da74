package ai.aiart.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.util.List;

import jakarta.ws.rs.core.Response;

import org.junit.jupiter.api.Test;

import com.mongodb.MongoConnectionPoolClearedException;
import com.mongodb.MongoException;
import com.mongodb.MongoSocketReadTimeoutException;
import com.mongodb.MongoTimeoutException;
import com.mongodb.ServerAddress;
import com.mongodb.connection.ClusterId;
import com.mongodb.connection.ServerId;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;

/**
 * Every way the driver reports a store that is away or swamped becomes the same 503 with a retry
 * time, never a 500: a timeout choosing a server, a read that timed out, and a connection pool
 * the driver cleared because the store stopped answering in time.
 */
class StoreFaultMappingTest {

    private final ProblemMappers mappers = new ProblemMappers(null);

    @Test
    void everyStoreFaultIsA503WithRetryAfter() {
        ServerAddress address = new ServerAddress("127.0.0.1", 27017);
        List<MongoException> faults = List.of(
                new MongoTimeoutException("Timed out while waiting for a server"),
                new MongoSocketReadTimeoutException("Timeout while receiving message", address, new java.net.SocketTimeoutException()),
                new MongoConnectionPoolClearedException(new ServerId(new ClusterId(), address), new MongoException("read timed out")));
        for (MongoException fault : faults) {
            Response answer = mappers.storeUnavailable(fault, request());
            assertEquals(503, answer.getStatus(), fault.getClass().getSimpleName());
            assertEquals("5", answer.getHeaderString("Retry-After"), fault.getClass().getSimpleName());
            assertTrue(String.valueOf(answer.getMediaType()).startsWith("application/problem+json"), fault.getClass().getSimpleName());
        }
    }

    @Test
    void theMapperIsRegisteredForEachOfThem() throws NoSuchMethodException {
        var registered = ProblemMappers.class.getMethod("storeUnavailable", MongoException.class, HttpServerRequest.class)
                .getAnnotation(org.jboss.resteasy.reactive.server.ServerExceptionMapper.class).value();
        assertTrue(List.of(registered).containsAll(List.of(MongoTimeoutException.class,
                com.mongodb.MongoSocketException.class, MongoConnectionPoolClearedException.class)));
    }

    private static HttpServerRequest request() {
        return (HttpServerRequest) Proxy.newProxyInstance(HttpServerRequest.class.getClassLoader(),
                new Class<?>[] {HttpServerRequest.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "method" -> HttpMethod.POST;
                    case "path", "uri" -> "/api/v1/generate/text-to-image";
                    default -> null;
                });
    }
}
