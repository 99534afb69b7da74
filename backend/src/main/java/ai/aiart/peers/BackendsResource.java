package ai.aiart.peers;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import ai.aiart.config.AiartConfig;

/** {@code GET /api/v1/backends}: this instance's view of its peers. */
@Path("/api/v1/backends")
public class BackendsResource {

    private final BackendHealthRepository repository;
    private final AiartConfig config;

    public BackendsResource(BackendHealthRepository repository, AiartConfig config) {
        this.repository = repository;
        this.config = config;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public List<BackendHealth> backends() {
        return repository.seenBy(config.instance());
    }
}
