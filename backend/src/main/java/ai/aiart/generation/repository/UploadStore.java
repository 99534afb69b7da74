package ai.aiart.generation.repository;

import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.mongodb.client.MongoClient;

/** Uploaded pictures waiting for or used by their jobs (GridFS bucket {@code uploads}). */
@Singleton
public class UploadStore extends GridFsStore {

    public UploadStore(MongoClient client, @ConfigProperty(name = "quarkus.mongodb.database") String database) {
        super(client, database, "uploads");
    }
}
