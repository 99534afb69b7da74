package ai.aiart.generation.repository;

import static com.mongodb.client.model.Filters.in;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.bson.BsonString;
import org.bson.Document;

import com.mongodb.MongoGridFSException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.gridfs.GridFSBucket;
import com.mongodb.client.gridfs.GridFSBuckets;
import com.mongodb.client.gridfs.GridFSDownloadStream;
import com.mongodb.client.gridfs.model.GridFSUploadOptions;
import com.mongodb.client.model.Accumulators;
import com.mongodb.client.model.Aggregates;

/** Files in one GridFS bucket of the store, shared by every instance. Streams both ways. */
public abstract class GridFsStore {

    /** GridFS's own default: a picture of up to 255 KB is one chunk, and downloads stream chunk by chunk. */
    protected static final int DEFAULT_CHUNK = 255 * 1024;

    private final GridFSBucket bucket;
    private final int chunkSize;
    /** The bucket's {@code .files} documents: {@code _id}, {@code length}, {@code uploadDate}, {@code metadata}. */
    protected final MongoCollection<Document> files;
    /** The bucket's {@code .chunks} documents: {@code files_id}, {@code n}, {@code data}. */
    protected final MongoCollection<Document> chunks;

    protected GridFsStore(MongoClient client, String database, String bucketName, int chunkSize) {
        MongoDatabase db = client.getDatabase(database);
        this.bucket = GridFSBuckets.create(db, bucketName);
        this.chunkSize = chunkSize;
        this.files = db.getCollection(bucketName + ".files");
        this.chunks = db.getCollection(bucketName + ".chunks");
    }

    /** Streams the file into the store under {@code fileId}; returns its length. */
    public long save(String fileId, String contentType, Path file) {
        return save(fileId, file, new Document("content_type", contentType));
    }

    /** Streams the file into the store under {@code fileId} with {@code metadata}; returns its length. */
    protected long save(String fileId, Path file, Document metadata) {
        try (InputStream in = Files.newInputStream(file)) {
            bucket.uploadFromStream(new BsonString(fileId), fileId, in,
                    new GridFSUploadOptions().chunkSizeBytes(chunkSize).metadata(metadata));
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Opens a stored file for streaming; empty when it is gone. The chunks are fetched one
     * at a time as the reader gets to them ({@code batchSize(1)}): by default the driver's
     * first batch holds up to 101 chunks, i.e. the whole file, in memory for every reader.
     */
    public Optional<StoredFile> open(String fileId) {
        try {
            GridFSDownloadStream stream = bucket.openDownloadStream(new BsonString(fileId)).batchSize(1);
            return Optional.of(new StoredFile(stream.getGridFSFile().getLength(), stream));
        } catch (MongoGridFSException e) {
            return Optional.empty();
        }
    }

    /** Copies a stored file into a new local temporary file; empty when it is gone. */
    public Optional<Path> copyToTempFile(String fileId, String suffix) {
        return open(fileId).map(stored -> {
            try (InputStream in = stored.content()) {
                Path file = Files.createTempFile("aiart-", suffix);
                Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
                return file;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** Deletes a stored file; nothing happens when it is already gone. */
    public void delete(String fileId) {
        try {
            bucket.delete(new BsonString(fileId));
        } catch (MongoGridFSException e) {
            // already gone
        }
    }

    /**
     * Deletes many stored files in two commands, whatever their number of chunks: the chunks
     * first, then the file documents, so that a crash in between leaves a file document (still
     * counted, found and deleted again) rather than chunks no file names.
     */
    public void deleteAll(Collection<String> fileIds) {
        if (fileIds.isEmpty()) {
            return;
        }
        List<BsonString> ids = fileIds.stream().map(BsonString::new).toList();
        chunks.deleteMany(in("files_id", ids));
        files.deleteMany(in("_id", ids));
    }

    /** The bytes of every stored file together, in one aggregate. */
    public long totalBytes() {
        Document sum = files.aggregate(List.of(Aggregates.group(null, Accumulators.sum("total", "$length")))).first();
        if (sum == null) {
            return 0;
        }
        Object total = sum.get("total");
        return total instanceof Number n ? n.longValue() : 0;
    }

    /** An open file: its length and its bytes, to be closed by the reader. */
    public record StoredFile(long length, InputStream content) {
    }
}
