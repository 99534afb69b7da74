package ai.aiart.store;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.bson.BsonDocument;
import org.bson.Document;

import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexModel;

/**
 * Makes a collection's indexes those the code queries with, in as few store commands as it can
 * (docs/ARCHITECTURE.md, "Store budget"): one {@code listIndexes}, and only when something is
 * missing one {@code createIndexes} for all of it, and a {@code dropIndex} for a retired index only
 * while it is still there. On every start but a new database's that is one command a collection,
 * a round trip each before a backend answers, where asking for each index cost one apiece.
 */
public final class CollectionIndexes {

    private CollectionIndexes() {
    }

    /**
     * Creates those of {@code wanted} (each named) that the collection lacks, and drops the
     * {@code retired} ones it still has. An index of a wanted name with other keys is asked for
     * again, so the store says what is wrong (as creating it over always did).
     */
    public static void ensure(MongoCollection<?> collection, List<IndexModel> wanted, String... retired) {
        Map<String, BsonDocument> present = new HashMap<>();
        for (Document index : collection.listIndexes()) {
            present.put(index.getString("name"), ((Document) index.get("key")).toBsonDocument(Document.class,
                    MongoClientSettings.getDefaultCodecRegistry()));
        }
        List<IndexModel> missing = wanted.stream().filter(index -> {
            String name = Objects.requireNonNull(index.getOptions().getName(), "every index is named");
            BsonDocument keys = index.getKeys().toBsonDocument(BsonDocument.class, MongoClientSettings.getDefaultCodecRegistry());
            return !keys.equals(present.get(name));
        }).toList();
        if (!missing.isEmpty()) {
            collection.createIndexes(missing);
        }
        for (String name : retired) {
            if (present.containsKey(name)) {
                collection.dropIndex(name);
            }
        }
    }
}
