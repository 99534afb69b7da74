package ai.aiart.reliability;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.bson.Document;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;

/**
 * The stored state, as the bad-input suite compares it before and after each case: for every
 * collection, its document count and a SHA-256 over its documents in {@code _id} order (GridFS
 * chunks by id only: their bytes are covered by the files' lengths and ids).
 *
 * <p>Not state, and left out: the monitoring records that exist to note every request or the
 * machine's condition — {@code traffic_minutes} (and {@code request_log}, which it replaced),
 * {@code resource_metrics}, {@code alerts}, {@code backend_health}. Everything else is state,
 * including {@code errors} (an unexpected failure would show there) and {@code rate_limits} (a
 * refused request takes no token).
 */
public record StoreSnapshot(Map<String, String> collections) {

    /** Collections that record requests or the machine, not what a request may change. */
    public static final Set<String> NOT_STATE = Set.of("traffic_minutes", "request_log", "resource_metrics", "alerts",
            "backend_health");

    public static StoreSnapshot of(MongoDatabase db) {
        Map<String, String> collections = new TreeMap<>();
        for (String name : db.listCollectionNames()) {
            if (NOT_STATE.contains(name) || name.startsWith("system.")) {
                continue;
            }
            MessageDigest digest = sha256();
            long count = 0;
            var find = db.getCollection(name).find().sort(Sorts.ascending("_id"));
            if (name.endsWith(".chunks")) {
                find = find.projection(Projections.include("_id", "files_id", "n"));
            }
            for (Document document : find) {
                digest.update(document.toJson().getBytes(StandardCharsets.UTF_8));
                count++;
            }
            collections.put(name, count + ":" + HexFormat.of().formatHex(digest.digest()).substring(0, 16));
        }
        return new StoreSnapshot(collections);
    }

    /** The collections that differ, with before → after; empty when nothing changed. */
    public Map<String, String> changesTo(StoreSnapshot after) {
        Map<String, String> changes = new TreeMap<>();
        for (String name : union(after)) {
            String was = collections.getOrDefault(name, "absent");
            String now = after.collections.getOrDefault(name, "absent");
            if (!was.equals(now) && !(was.equals("absent") && now.startsWith("0:"))) {
                changes.put(name, was + " -> " + now);
            }
        }
        return changes;
    }

    private Set<String> union(StoreSnapshot other) {
        Set<String> names = new java.util.TreeSet<>(collections.keySet());
        names.addAll(other.collections.keySet());
        return names;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
