package ai.aiart.ratelimit;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gt;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;

import ai.aiart.auth.AuthConfig;
import io.quarkus.logging.Log;
import io.quarkus.mongodb.panache.PanacheMongoRepositoryBase;

/**
 * Admins' blocks (docs/FAIR_USE.md "IP blocks"), shared through the small {@code blocks} collection.
 * Each instance keeps a snapshot of it, reloaded at most every {@code aiart.auth.blocks.refresh}
 * and only when a generation request needs it, so checking a block costs no store round trip.
 * After the first load the reload runs in the background and the request goes on with the
 * snapshot it has: a request never waits on the store here, so a hung store cannot hold a creation
 * before its body is read (where the body deadline would blame the visitor for the server's wait).
 */
@ApplicationScoped
public class ManualBlocks implements PanacheMongoRepositoryBase<ManualBlock, String> {

    private final long refreshMillis;
    private volatile Snapshot snapshot = new Snapshot(Map.of(), Long.MIN_VALUE / 2);
    /** Identities whose blocks a background reload found lifted, for the next request to pass on. */
    private final java.util.concurrent.ConcurrentLinkedQueue<String> liftedSinceAsked = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private final java.util.concurrent.atomic.AtomicBoolean reloading = new java.util.concurrent.atomic.AtomicBoolean();
    private final java.util.concurrent.ExecutorService reloader = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "aiart-blocks-reload");
        t.setDaemon(true);
        return t;
    });

    private record Snapshot(Map<String, ManualBlock> byKey, long loadedAt) {
    }

    public ManualBlocks(AuthConfig config) {
        this.refreshMillis = config.blocks().refresh().toMillis();
    }

    /**
     * Whether the first load was made (or tried): from then on {@link #refreshIfDue} never waits
     * on the store, so a block can be checked on the event loop.
     */
    public boolean firstLoadDone() {
        return snapshot.loadedAt() >= 0;
    }

    /** Epoch milliseconds until which an admin blocked {@code key}, or 0. */
    public long until(String key, long now) {
        ManualBlock block = snapshot.byKey().get(key);
        return block != null && block.until > now ? block.until : 0;
    }

    /**
     * Returns the identities whose blocks were lifted since the previous call (their cached automatic
     * blocks must go), and starts a reload of the snapshot in the background when it is older than
     * the refresh interval. Only the very first load is made on the caller's thread.
     */
    public List<String> refreshIfDue(long now) {
        Snapshot current = snapshot;
        List<String> lifted = new ArrayList<>();
        for (String key; (key = liftedSinceAsked.poll()) != null;) {
            lifted.add(key);
        }
        if (now - current.loadedAt() < refreshMillis) {
            return lifted;
        }
        if (current.loadedAt() < 0) {
            lifted.addAll(reload(now));
            return lifted;
        }
        if (reloading.compareAndSet(false, true)) {
            try {
                reloader.execute(() -> {
                    try {
                        liftedSinceAsked.addAll(reload(now));
                    } finally {
                        reloading.set(false);
                    }
                });
            } catch (java.util.concurrent.RejectedExecutionException e) {
                reloading.set(false); // shutting down
            }
        }
        return lifted;
    }

    @jakarta.annotation.PreDestroy
    void stop() {
        reloader.shutdownNow();
    }

    /** Loads the snapshot if it is still due (one command); the identities whose blocks were lifted since the last load. */
    private List<String> reload(long now) {
        Snapshot current = snapshot;
        if (now - current.loadedAt() < refreshMillis) {
            return List.of();
        }
        synchronized (this) {
            current = snapshot;
            if (now - current.loadedAt() < refreshMillis) {
                return List.of();
            }
            Map<String, ManualBlock> loaded = new HashMap<>();
            List<String> lifted = new ArrayList<>();
            try {
                for (ManualBlock block : mongoCollection().find()) {
                    loaded.put(block.id, block);
                    // the slack covers clocks of instances that differ by a few seconds
                    if (block.liftedAt > 0 && block.liftedAt >= current.loadedAt() - 2 * refreshMillis - 5_000) {
                        lifted.add(block.id);
                    }
                }
            } catch (RuntimeException e) {
                Log.debugf("Could not reload admin blocks: %s", e.toString());
                snapshot = new Snapshot(current.byKey(), now);
                return List.of();
            }
            snapshot = new Snapshot(Map.copyOf(loaded), now);
            return lifted;
        }
    }

    /** Blocks {@code key} until {@code until} (epoch ms), on every instance within the refresh interval. */
    public ManualBlock block(String key, long until, String reason, String admin, long now) {
        ManualBlock block = new ManualBlock();
        block.id = key;
        block.until = until;
        block.reason = reason;
        block.createdBy = admin;
        block.createdAt = now;
        mongoCollection().replaceOne(eq("_id", key), block, new ReplaceOptions().upsert(true));
        remember(block);
        return block;
    }

    /**
     * Lifts an admin block of {@code key}; true if there was one in force. With {@code record},
     * the lift is written even without one, so instances forget a cached automatic block too.
     */
    public boolean lift(String key, long now, boolean record) {
        boolean active = mongoCollection().updateOne(and(eq("_id", key), gt("until", now)),
                Updates.combine(Updates.set("until", 0L), Updates.set("lifted_at", now))).getModifiedCount() > 0;
        if (!active && record) {
            mongoCollection().updateOne(eq("_id", key), Updates.combine(Updates.set("until", 0L), Updates.set("lifted_at", now)),
                    new UpdateOptions().upsert(true));
        }
        ManualBlock lifted = new ManualBlock();
        lifted.id = key;
        lifted.liftedAt = now;
        remember(lifted);
        return active;
    }

    /**
     * Deletes the record of {@code key} and this instance's copy of it: an erased account's block
     * lives on under a hash of it ({@link FairUseMemory}), not under its uid.
     */
    public void forget(String key) {
        deleteById(key);
        synchronized (this) {
            Map<String, ManualBlock> next = new HashMap<>(snapshot.byKey());
            next.remove(key);
            snapshot = new Snapshot(Map.copyOf(next), snapshot.loadedAt());
        }
    }

    /** The admin blocks in force. */
    public List<ManualBlock> active(long now, int limit) {
        return mongoCollection().find(gt("until", now)).limit(limit).into(new ArrayList<>());
    }

    private synchronized void remember(ManualBlock block) {
        Map<String, ManualBlock> next = new HashMap<>(snapshot.byKey());
        next.put(block.id, block);
        snapshot = new Snapshot(Map.copyOf(next), snapshot.loadedAt());
    }
}
