package ai.aiart.store;

import java.util.ArrayList;
import java.util.List;

import org.h2.mvstore.MVStore;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.DatabaseResolver;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.Utils;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.oplog.Oplog;
import io.netty.channel.Channel;

/**
 * The H2 backend with the indexes the embedded store would otherwise lack.
 *
 * <p>mongo-java-server uses an index only for a query that is exactly its unique key: a non-unique
 * index is ignored, {@code {_id: v, status: s}} scans the collection, and {@code countDocuments}
 * (an aggregation) always scans it. With a queue, rate-limit buckets and results kept in the store,
 * every claim, count, lease renewal and chunk read then cost a pass over thousands of documents.
 * This backend adds, per collection, {@link EqualityIndex equality indexes} on
 *
 * <ul>
 *   <li>{@code _id}, for updates and look-ups that name the document and state more conditions;
 *   <li>the leading field of each non-unique index the application creates (for AiArt's jobs:
 *       {@code status}, {@code fingerprint}, {@code result.file_id}, {@code owner});
 *   <li>the leading field of each compound unique index (GridFS's {@code files_id, n} on chunks);
 * </ul>
 *
 * and answers the driver's count pipeline ({@code $match}, optional {@code $skip}/{@code $limit},
 * {@code $group} summing 1) as a count that can use them. Results are exactly those of a scan:
 * every candidate is still matched against the whole query.
 */
class IndexedH2Backend extends H2Backend {

    /** The name under which the {@code _id} equality index is attached; not listed by listIndexes. */
    static final String ID_LOOKUP = "_id_lookup";

    IndexedH2Backend(MVStore store) {
        super(store);
    }

    static IndexedH2Backend inMemoryStore() {
        return new IndexedH2Backend(MVStore.open(null));
    }

    @Override
    protected MongoDatabase openOrCreateDatabase(String databaseName) {
        return new IndexedH2Database(databaseName, getMvStore(), getCursorRegistry());
    }

    private static final class IndexedH2Database extends H2Database {

        IndexedH2Database(String databaseName, MVStore store, CursorRegistry cursorRegistry) {
            super(databaseName, store, cursorRegistry);
        }

        @Override
        protected MongoCollection<Object> openOrCreateCollection(String collectionName, CollectionOptions options) {
            MongoCollection<Object> collection = super.openOrCreateCollection(collectionName, options);
            if ("_id".equals(options.getIdField())) {
                collection.addIndex(new EqualityIndex(ID_LOOKUP, "_id"));
            }
            return collection;
        }

        @Override
        protected Index<Object> openOrCreateSecondaryIndex(String collectionName, String indexName, List<IndexKey> keys,
                boolean sparse) {
            return new EqualityIndex(indexName, keys.get(0).getKey());
        }

        @Override
        protected Index<Object> openOrCreateUniqueIndex(String collectionName, String indexName, List<IndexKey> keys,
                boolean sparse) {
            if (keys.size() > 1) {
                resolveOrCreateCollection(collectionName)
                        .addIndex(new EqualityIndex(indexName + "_leading", keys.get(0).getKey()));
            }
            return super.openOrCreateUniqueIndex(collectionName, indexName, keys, sparse);
        }

        @Override
        public Document handleCommand(Channel channel, String command, Document query, DatabaseResolver databaseResolver,
                Oplog oplog) {
            if (command.equalsIgnoreCase("aggregate")) {
                CountPipeline count = CountPipeline.of(query.get("pipeline"));
                if (count != null) {
                    return count(query.get(command).toString(), count);
                }
            }
            return super.handleCommand(channel, command, query, databaseResolver, oplog);
        }

        private Document count(String collectionName, CountPipeline pipeline) {
            MongoCollection<Object> collection = resolveCollection(collectionName, false);
            int n = 0;
            if (collection != null) {
                // the collection's writes hold its monitor; counting under it sees no half-made change
                synchronized (collection) {
                    n = collection.count(pipeline.match(), pipeline.skip(), pipeline.limit());
                }
            }
            List<Document> batch = new ArrayList<>(1);
            if (n > 0) {
                batch.add(new Document("_id", pipeline.groupId()).append(pipeline.sumField(), n));
            }
            Document cursor = new Document("id", 0L)
                    .append("ns", getFullCollectionNamespace(collectionName))
                    .append("firstBatch", batch);
            Document response = new Document("cursor", cursor);
            Utils.markOkay(response);
            return response;
        }
    }

    /** {@code [{$match: q}, {$skip: s}?, {$limit: l}?, {$group: {_id: constant, field: {$sum: 1}}}]}. */
    record CountPipeline(Document match, int skip, int limit, Object groupId, String sumField) {

        static CountPipeline of(Object pipeline) {
            if (!(pipeline instanceof List<?> stages) || stages.size() < 2 || stages.size() > 4) {
                return null;
            }
            List<Document> steps = new ArrayList<>();
            for (Object stage : stages) {
                if (!(stage instanceof Document step) || step.size() != 1) {
                    return null;
                }
                steps.add(step);
            }
            if (!(steps.get(0).get("$match") instanceof Document match)) {
                return null;
            }
            int skip = 0;
            int limit = 0;
            for (Document step : steps.subList(1, steps.size() - 1)) {
                if (step.get("$skip") instanceof Number s && s.intValue() >= 0 && skip == 0 && limit == 0) {
                    skip = s.intValue();
                } else if (step.get("$limit") instanceof Number l && l.intValue() > 0 && limit == 0) {
                    limit = l.intValue();
                } else {
                    return null;
                }
            }
            if (!(steps.get(steps.size() - 1).get("$group") instanceof Document group) || group.size() != 2
                    || !group.containsKey("_id")) {
                return null;
            }
            Object groupId = group.get("_id");
            if (!(groupId == null || groupId instanceof Number)) {
                return null;
            }
            for (String field : group.keySet()) {
                if (!field.equals("_id") && group.get(field) instanceof Document sum && sum.size() == 1
                        && sum.get("$sum") instanceof Number one && one.doubleValue() == 1.0 && !field.startsWith("$")) {
                    return new CountPipeline(match, skip, limit, groupId, field);
                }
            }
            return null;
        }
    }
}
