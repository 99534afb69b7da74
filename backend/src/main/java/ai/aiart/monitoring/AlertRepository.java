package ai.aiart.monitoring;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.mongodb.panache.PanacheMongoRepositoryBase;
import io.quarkus.panache.common.Sort;

/** {@link Alert} history. */
@ApplicationScoped
public class AlertRepository implements PanacheMongoRepositoryBase<Alert, org.bson.types.ObjectId> {

    public Optional<Alert> open(String instance, String metric) {
        return find("instance = ?1 and metric = ?2 and status = 'open'", instance, metric).firstResultOptional();
    }

    /** The open alerts of an instance, by metric (one query for all its metrics). */
    public Map<String, Alert> openByMetric(String instance) {
        Map<String, Alert> open = new HashMap<>();
        for (Alert alert : find("instance = ?1 and status = 'open'", instance).list()) {
            open.putIfAbsent(alert.metric, alert);
        }
        return open;
    }

    public Optional<Alert> lastResolved(String instance, String metric) {
        return find("instance = ?1 and metric = ?2 and status = 'resolved'", Sort.descending("resolved_at"), instance, metric)
                .firstResultOptional();
    }

    public List<Alert> recent(int limit) {
        return findAll(Sort.descending("opened_at")).page(0, limit).list();
    }
}
