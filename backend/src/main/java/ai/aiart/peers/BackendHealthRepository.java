package ai.aiart.peers;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.mongodb.panache.PanacheMongoRepositoryBase;

/** {@link BackendHealth} records. */
@ApplicationScoped
public class BackendHealthRepository implements PanacheMongoRepositoryBase<BackendHealth, String> {

    /** What {@code instance} last saw of its peers. */
    public List<BackendHealth> seenBy(String instance) {
        return list("checked_by", instance);
    }
}
