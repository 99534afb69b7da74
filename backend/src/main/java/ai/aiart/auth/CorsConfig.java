package ai.aiart.auth;

import java.util.List;

import io.quarkus.arc.Unremovable;
import io.smallrye.config.ConfigMapping;

/**
 * Cross-origin access ({@code aiart.cors.origins}): application.properties hands it to
 * {@code quarkus.http.cors.origins}, which Quarkus' CORS filter and {@link CorsGuard} read. Unremovable, so
 * that Quarkus registers the mapping (the key as known, and required) although nothing injects it.
 */
@Unremovable
@ConfigMapping(prefix = "aiart.cors")
public interface CorsConfig {

    /** Origins of the frontend allowed to call the API from a browser. */
    List<String> origins();
}
