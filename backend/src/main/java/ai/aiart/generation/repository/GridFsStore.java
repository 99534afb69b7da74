package ai.aiart.generation.repository;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

import org.bson.BsonString;
import org.bson.Document;

import com.mongodb.MongoGridFSException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.gridfs.GridFSBucket;
import com.mongodb.client.gridfs.GridFSBuckets;
import com.mongodb.client.gridfs.GridFSDownloadStream;
import com.mongodb.client.gridfs.model.GridFSUploadOptions;

/** Files in one GridFS bucket of the store, shared by every instance. Streams both ways. */
public abstract class GridFsStore {

    private static final int CHUNK = 255 * 1024;

    private final GridFSBucket bucket;

    protected GridFsStore(MongoClient client, String database, String bucketName) {
        this.bucket = GridFSBuckets.create(client.getDatabase(database), bucketName);
    }

    /** Streams the file into the store under {@code fileId}; returns its length. */
    public long save(String fileId, String contentType, Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            bucket.uploadFromStream(new BsonString(fileId), fileId, in,
                    new GridFSUploadOptions().chunkSizeBytes(CHUNK).metadata(new Document("content_type", contentType)));
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

    /** An open file: its length and its bytes, to be closed by the reader. */
    public record StoredFile(long length, InputStream content) {
    }
}
