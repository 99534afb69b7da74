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
    /** The highest figure while the alert was open (the one the webhook's opening message gave, at first). */
    public double value;
    /**
     * The figure when the alert opened: the one its {@link #message} states. Null on alerts opened
     * before it was kept; {@link #value} is the peak since.
     */
    @BsonProperty("opened_value")
    public Double openedValue;
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
