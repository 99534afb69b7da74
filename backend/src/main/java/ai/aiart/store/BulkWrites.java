package ai.aiart.store;

import java.util.HashSet;
import java.util.Set;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;

/** What an unordered bulk write refused, write by write. */
public final class BulkWrites {

    private BulkWrites() {
    }

    /**
     * The indexes of the writes refused as duplicate keys (a lost compare-and-swap, a key claimed
     * first); any other refusal fails the whole call as {@code e}.
     */
    public static Set<Integer> duplicates(MongoBulkWriteException e) {
        Set<Integer> duplicates = new HashSet<>();
        for (BulkWriteError error : e.getWriteErrors()) {
            if (ErrorCategory.fromErrorCode(error.getCode()) != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
            duplicates.add(error.getIndex());
        }
        return duplicates;
    }
}
