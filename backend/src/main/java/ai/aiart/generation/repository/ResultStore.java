package ai.aiart.generation.repository;

import static com.mongodb.client.model.Projections.include;

import java.util.List;

import jakarta.inject.Singleton;

import org.bson.Document;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCursor;
import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;

import ai.aiart.store.CollectionIndexes;

/** Generated results (GridFS bucket {@code results}). */
@Singleton
public class ResultStore extends GridFsStore {

    public ResultStore(MongoClient client, @ConfigProperty(name = "quarkus.mongodb.database") String database) {
        super(client, database, "results", DEFAULT_CHUNK);
    }

    /** Creates the index the results budget removes the oldest results by, unless it is there. */
    public void ensureIndexes() {
        CollectionIndexes.ensure(files, List.of(new IndexModel(Indexes.ascending("uploadDate", "_id"), new IndexOptions().name("oldest_first"))));
    }

    /**
     * Every stored result, oldest first ({@code _id} and {@code length} only), fetched
     * {@code batch} at a time; to be closed by the caller.
     */
    public MongoCursor<Document> oldestFirst(int batch) {
        return files.find().sort(Sorts.ascending("uploadDate", "_id")).projection(include("_id", "length"))
                .batchSize(batch).iterator();
    }
}
