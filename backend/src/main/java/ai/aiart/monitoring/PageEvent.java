package ai.aiart.monitoring;

import java.time.Instant;

import org.bson.codecs.pojo.annotations.BsonId;
import org.bson.codecs.pojo.annotations.BsonProperty;
import org.bson.types.ObjectId;

import io.quarkus.mongodb.panache.common.MongoEntity;

/** A page view or click beacon from the site (no cookies; the IP only as a keyed hash). */
@MongoEntity(collection = "page_events")
public class PageEvent {

    @BsonId
    public ObjectId id;
    public Instant at;
    /** page_view or click. */
    public String type;
    public String page;
    public String target;
    @BsonProperty("ip_hash")
    public String ipHash;
}
