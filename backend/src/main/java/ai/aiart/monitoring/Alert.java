package ai.aiart.monitoring;

import java.time.Instant;

import org.bson.codecs.pojo.annotations.BsonId;
import org.bson.codecs.pojo.annotations.BsonProperty;
import org.bson.types.ObjectId;

import com.fasterxml.jackson.annotation.JsonIgnore;

import io.quarkus.mongodb.panache.common.MongoEntity;

/** An alert and its history: opened when a threshold is crossed, resolved when clear (docs/OPERATIONS.md). */
@MongoEntity(collection = "alerts")
public class Alert {

    @BsonId
    @JsonIgnore
    public ObjectId id;
    /** The backend the figure is about, or {@code cluster} for store_ops (all backends together). */
    public String instance;
    /** cpu, memory, error_rate, response_time or store_ops (a share of {@code aiart.store.ops-budget}). */
    public String metric;
    /** open or resolved. */
    public String status;
    public double value;
    public double threshold;
    @BsonProperty("opened_at")
    public Instant openedAt;
    @BsonProperty("resolved_at")
    public Instant resolvedAt;
    public String message;

    public String getAlertId() {
        return id == null ? null : id.toHexString();
    }
}
