package ai.aiart.monitoring;

import java.time.Instant;

import org.bson.codecs.pojo.annotations.BsonId;
import org.bson.codecs.pojo.annotations.BsonProperty;
import org.bson.types.ObjectId;

import io.quarkus.mongodb.panache.common.MongoEntity;

/** A minute's snapshot of one instance's resources, for the dashboard (docs/OPERATIONS.md). */
@MongoEntity(collection = "resource_metrics")
public class ResourceMetrics {

    @BsonId
    public ObjectId id;
    public String instance;
    public Instant at;
    public double cpu;
    public double memory;
    public double load;
    @BsonProperty("rss_bytes")
    public long rssBytes;
    @BsonProperty("active_requests")
    public int activeRequests;
    @BsonProperty("queue_length")
    public long queueLength;
    @BsonProperty("running_jobs")
    public long runningJobs;
    @BsonProperty("mean_response_ms")
    public double meanResponseMs;
    public boolean hibernating;
    /** Store commands a second this instance sent, mean over the minute before the snapshot (StoreCommands). */
    @BsonProperty("store_ops_per_second")
    public double storeOpsPerSecond;
    /** Store commands this instance sent since its previous snapshot (since start-up for the first). */
    @BsonProperty("store_commands")
    public long storeCommands;
}
