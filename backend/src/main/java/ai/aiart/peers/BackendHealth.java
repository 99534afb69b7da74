package ai.aiart.peers;

import java.time.Instant;

import org.bson.codecs.pojo.annotations.BsonId;
import org.bson.codecs.pojo.annotations.BsonProperty;

import com.fasterxml.jackson.annotation.JsonIgnore;

import io.quarkus.mongodb.panache.common.MongoEntity;

/** One backend's view of a peer (docs/OPERATIONS.md), kept in {@code backend_health}. */
@MongoEntity(collection = "backend_health")
public class BackendHealth {

    /** {@code <observer instance>|<peer url>}. */
    @BsonId
    @JsonIgnore
    public String id;
    /** The instance that made the check. */
    @BsonProperty("checked_by")
    public String checkedBy;
    @BsonProperty("backend_url")
    public String backendUrl;
    /** healthy, degraded or down as the peer reports itself; unreachable when it did not answer. */
    public String status;
    /** The peer's instance name, from its answer. */
    public String instance;
    @BsonProperty("last_check")
    public Instant lastCheck;
    /** Milliseconds the health check took. */
    @BsonProperty("response_time")
    public long responseTime;
    /** Failed checks in a row. */
    @BsonProperty("error_count")
    public int errorCount;
    @BsonProperty("last_error")
    public String lastError;
    /** Whether the peer said it was hibernating. */
    public Boolean hibernating;
    /** The peer's workers, from its internal status; null when only its public health was read. */
    public Integer workers;
}
