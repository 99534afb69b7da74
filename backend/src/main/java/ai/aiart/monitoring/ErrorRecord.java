package ai.aiart.monitoring;

import java.time.Instant;

import org.bson.codecs.pojo.annotations.BsonId;
import org.bson.types.ObjectId;

import io.quarkus.mongodb.panache.common.MongoEntity;

/**
 * An unexpected failure with its context, for the operator. The stack trace lives here and
 * in the log, never in an answer to a visitor.
 */
@MongoEntity(collection = "errors")
public class ErrorRecord {

    @BsonId
    public ObjectId id;
    public Instant at;
    public String instance;
    public String method;
    public String path;
    public String type;
    public String message;
    public String stack;
}
