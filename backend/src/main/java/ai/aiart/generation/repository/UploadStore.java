package ai.aiart.generation.repository;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Projections.include;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.inject.Singleton;

import org.bson.Document;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCursor;
import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;

import ai.aiart.generation.Job;
import ai.aiart.store.CollectionIndexes;
import io.quarkus.logging.Log;

/**
 * Uploaded pictures waiting for their jobs (GridFS bucket {@code uploads}). An upload is kept
 * only while its job is queued or running: it is deleted as soon as the job ends, and the
 * clean-up sweeps any that were missed. Each carries its owner (the visitor's identity key) and
 * its job in its metadata, so uploads are counted per visitor and swept per job.
 */
@Singleton
public class UploadStore extends GridFsStore {

    /**
     * 1 MB chunks: every chunk is one insert command, so a 10 MB upload takes 11 commands instead
     * of 41 with GridFS's 255 KB, and a typical 2 MB photo 3 instead of 9. Uploads are read
     * whole by the worker, never streamed to visitors, so nothing gains from smaller pieces.
     */
    static final int CHUNK = 1024 * 1024;

    static final String OWNER = "metadata.owner";

    private final AtomicLong savedSinceCount = new AtomicLong();

    public UploadStore(MongoClient client, @ConfigProperty(name = "quarkus.mongodb.database") String database) {
        super(client, database, "uploads", CHUNK);
    }

    /** Creates the index the per-visitor count uses, unless it is there. */
    public void ensureIndexes() {
        CollectionIndexes.ensure(files, List.of(new IndexModel(Indexes.ascending(OWNER), new IndexOptions().name("owner"))));
    }

    /** Stores the upload of job {@code jobId} for {@code owner}; returns its length. */
    public long save(String fileId, String contentType, Path file, String owner, String jobId) {
        long size = save(fileId, file, new Document("content_type", contentType).append("owner", owner).append("job_id", jobId));
        savedSinceCount.addAndGet(size);
        return size;
    }

    /**
     * Deletes the upload of a job that has ended. A failure is logged, not thrown: the job's
     * outcome is already recorded, and the clean-up sweeps uploads whose job has ended.
     */
    public void deleteFor(Job job) {
        if (job == null || job.params == null || job.params.input == null || job.params.input.fileId == null) {
            return;
        }
        try {
            delete(job.params.input.fileId);
        } catch (RuntimeException e) {
            Log.warnf("Job %s: could not delete its upload now (%s); the clean-up will", job.id, e.toString());
        }
    }

    /** How many uploads {@code owner} has stored (one indexed count). */
    public long countOwnedBy(String owner) {
        return files.countDocuments(eq(OWNER, owner));
    }

    /**
     * The bytes of all uploads, and from now on count the bytes this instance stores until the
     * next call: the budget check adds them to this figure between its scheduled sums.
     */
    public long totalBytesAndRestart() {
        savedSinceCount.set(0);
        return totalBytes();
    }

    /** Bytes this instance has stored since {@link #totalBytesAndRestart()}. */
    public long savedSinceTotal() {
        return savedSinceCount.get();
    }

    /**
     * Uploads stored before {@code before}, oldest first ({@code _id} and {@code metadata.job_id}),
     * fetched {@code batch} at a time; to be closed by the caller.
     */
    public MongoCursor<Document> storedBefore(Instant before, int batch) {
        return files.find(lt("uploadDate", Date.from(before))).sort(Sorts.ascending("uploadDate", "_id"))
                .projection(include("_id", "metadata.job_id")).batchSize(batch).iterator();
    }

    /** The job an upload document belongs to: from its metadata, or its id ({@code <job id>.input}). */
    public static String jobIdOf(Document upload) {
        Object metadata = upload.get("metadata");
        if (metadata instanceof Document m && m.getString("job_id") != null) {
            return m.getString("job_id");
        }
        String id = String.valueOf(upload.get("_id"));
        return id.endsWith(".input") ? id.substring(0, id.length() - ".input".length()) : id;
    }
}
