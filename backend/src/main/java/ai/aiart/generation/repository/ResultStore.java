package ai.aiart.generation.repository;

import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.mongodb.client.MongoClient;

/** Generated results (GridFS bucket {@code results}). */
@Singleton
public class ResultStore extends GridFsStore {

    public ResultStore(MongoClient client, @ConfigProperty(name = "quarkus.mongodb.database") String database) {
        super(client, database, "results");
    }
}
