package ai.aiart.peers;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The other backend(s) this one watches ({@code aiart.peers.*}, docs/OPERATIONS.md). */
@ConfigMapping(prefix = "aiart.peers")
public interface PeersConfig {

    /** Base URLs of the other backends, e.g. the fallback's for the primary. */
    Optional<List<String>> urls();

    /** How often each peer's /api/v1/health is checked. */
    @WithDefault("30s")
    String checkEvery();

    /** How long a peer may take to answer its health check. */
    @WithDefault("3s")
    Duration timeout();
}
