package ai.aiart.monitoring;

import java.time.Instant;

import org.bson.codecs.pojo.annotations.BsonId;
import org.bson.codecs.pojo.annotations.BsonProperty;
import org.bson.types.ObjectId;

import io.quarkus.mongodb.panache.common.MongoEntity;

/** One API request, for analytics. The client's IP is kept only as a keyed hash. */
@MongoEntity(collection = "request_log")
public class RequestLogEntry {

    @BsonId
    public ObjectId id;
    public Instant at;
    public String instance;
    public String method;
    /** The path with ids replaced by {@code {id}}. */
    public String path;
    public int status;
    @BsonProperty("duration_ms")
    public double durationMs;
    @BsonProperty("ip_hash")
    public String ipHash;
}
