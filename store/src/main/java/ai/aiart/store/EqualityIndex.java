package ai.aiart.store;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.Utils;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;

/**
 * An in-memory, non-unique index on one field for the embedded store, which otherwise scans the
 * whole collection for every query that is not exactly {@code {_id: value}}.
 *
 * <p>It answers one question: which documents may hold a given string or ObjectId value in the
 * field (directly or as an element of an array). A query qualifies when it states equality on the
 * field — {@code {field: v}}, {@code {field: {$eq: v}}} or {@code {field: {$in: [v, ...]}}} — at
 * its top level or inside a top-level {@code $and}, next to any other conditions. The positions
 * returned are a superset of the matches: the collection still checks every candidate against the
 * whole query and sorts them, so results are those of a scan, only cheaper. Queries on other
 * value types are not handled and fall back to the scan.
 *
 * <p>The index lives in memory and is rebuilt from the documents when the store opens (the
 * collection fills an empty index it is given). It reports itself sparse and no position of its
 * own, so the collection keeps taking positions from its unique {@code _id} index.
 */
final class EqualityIndex extends Index<Object> {

    private record Entry(Object position, Set<Object> values) {
    }

    private final String field;
    private final Map<Object, Set<Object>> positionsByValue = new HashMap<>();
    private final Map<Object, Entry> entriesById = new HashMap<>();
    private final AtomicLong lookups = new AtomicLong();

    EqualityIndex(String name, String field) {
        super(name, List.of(new IndexKey(field, true)), true);
        this.field = field;
    }

    /** How many queries this index has answered (for tests and diagnostics). */
    long lookups() {
        return lookups.get();
    }

    @Override
    public Object getPosition(Document document) {
        return null;
    }

    @Override
    public void checkAdd(Document document, MongoCollection<Object> collection) {
        // not unique: nothing can conflict
    }

    @Override
    public synchronized void add(Document document, Object position, MongoCollection<Object> collection) {
        Set<Object> values = indexedValues(document);
        Entry previous = entriesById.put(document.get("_id"), new Entry(position, values));
        if (previous != null) {
            unlink(previous);
        }
        for (Object value : values) {
            positionsByValue.computeIfAbsent(value, v -> new LinkedHashSet<>()).add(position);
        }
    }

    @Override
    public synchronized Object remove(Document document) {
        Entry entry = entriesById.remove(document.get("_id"));
        if (entry != null) {
            unlink(entry);
        }
        return null;
    }

    @Override
    public void checkUpdate(Document oldDocument, Document newDocument, MongoCollection<Object> collection) {
        // not unique: nothing can conflict
    }

    @Override
    public synchronized void updateInPlace(Document oldDocument, Document newDocument, Object position,
            MongoCollection<Object> collection) {
        remove(oldDocument);
        add(newDocument, position, collection);
    }

    @Override
    public synchronized boolean canHandle(Document query) {
        return candidateValues(query) != null;
    }

    @Override
    public synchronized Iterable<Object> getPositions(Document query) {
        Set<Object> values = candidateValues(query);
        if (values == null) {
            throw new IllegalArgumentException("the index on " + field + " cannot answer " + query);
        }
        lookups.incrementAndGet();
        Set<Object> positions = new LinkedHashSet<>();
        for (Object value : values) {
            positions.addAll(positionsByValue.getOrDefault(value, Set.of()));
        }
        return new ArrayList<>(positions);
    }

    @Override
    public synchronized long getCount() {
        return entriesById.size();
    }

    @Override
    public long getDataSize() {
        return 0;
    }

    @Override
    public synchronized void drop() {
        positionsByValue.clear();
        entriesById.clear();
    }

    private void unlink(Entry entry) {
        for (Object value : entry.values()) {
            Set<Object> positions = positionsByValue.get(value);
            if (positions != null) {
                positions.remove(entry.position());
                if (positions.isEmpty()) {
                    positionsByValue.remove(value);
                }
            }
        }
    }

    private Set<Object> indexedValues(Document document) {
        Set<Object> values = new HashSet<>(2);
        collect(Utils.getSubdocumentValueCollectionAware(document, field), values);
        return values;
    }

    private static void collect(Object value, Set<Object> into) {
        if (indexable(value)) {
            into.add(value);
        } else if (value instanceof Collection<?> elements) {
            for (Object element : elements) {
                collect(element, into);
            }
        }
    }

    private static boolean indexable(Object value) {
        return value instanceof String || value instanceof ObjectId;
    }

    /** The values the query requires the field to equal, or null when it states no such condition. */
    private Set<Object> candidateValues(Document query) {
        for (Map.Entry<String, Object> condition : query.entrySet()) {
            Set<Object> values = null;
            if (condition.getKey().equals("$and") && condition.getValue() instanceof List<?> parts) {
                for (Object part : parts) {
                    if (part instanceof Document partQuery && (values = candidateValues(partQuery)) != null) {
                        break;
                    }
                }
            } else if (condition.getKey().equals(field)) {
                values = equalityValues(condition.getValue());
            }
            if (values != null) {
                return values;
            }
        }
        return null;
    }

    private static Set<Object> equalityValues(Object condition) {
        if (indexable(condition)) {
            return Set.of(condition);
        }
        if (condition instanceof Document operator && operator.size() == 1) {
            Object equal = operator.get("$eq");
            if (indexable(equal)) {
                return Set.of(equal);
            }
            if (operator.get("$in") instanceof Collection<?> any && !any.isEmpty()
                    && any.stream().allMatch(EqualityIndex::indexable)) {
                return new LinkedHashSet<>(any);
            }
        }
        return null;
    }
}
