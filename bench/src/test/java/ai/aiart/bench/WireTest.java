package ai.aiart.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

class WireTest {

    @Test
    void anOpMsgIsItsFirstKeyAndTheCollectionThatKeyNames() {
        byte[] find = Bson.opMsg(Bson.doc().string("find", "jobs").document("filter", Bson.doc().string("status", "queued"))
                .int32("limit", 1).string("$db", "aiart"), null);
        assertEquals(new Wire.Command(Wire.APP, "find", "jobs"), Wire.parse(find));
        assertEquals(find.length, Wire.length(find));
        assertEquals(Wire.OP_MSG, Wire.opCode(find));
    }

    @Test
    void aKindOneSectionBeforeTheCommandIsSkipped() {
        byte[] insert = Bson.opMsg(Bson.doc().string("insert", "request_log").bool("ordered", false).string("$db", "aiart"),
                "documents", Bson.doc().objectId("_id").string("path", "/api/v1/health"), Bson.doc().objectId("_id").int64("at", 1L));
        assertEquals(new Wire.Command(Wire.APP, "insert", "request_log"), Wire.parse(insert));
    }

    @Test
    void aChecksumAtTheEndDoesNotConfuseTheSections() {
        byte[] msg = Bson.opMsg(Bson.doc().string("update", "buckets").string("$db", "aiart"), null);
        byte[] withChecksum = Arrays.copyOf(msg, msg.length + 4);
        withChecksum[Wire.HEADER] = 1; // flagBits: checksumPresent
        withChecksum[0] = (byte) withChecksum.length;
        assertEquals(new Wire.Command(Wire.APP, "update", "buckets"), Wire.parse(withChecksum));
    }

    @Test
    void getMoreNamesItsCollectionInAFieldAndACommandWithoutOneHasNoCollection() {
        byte[] getMore = Bson.opMsg(Bson.doc().int64("getMore", 42L).binary("lsid", new byte[16]).string("collection", "fs.chunks")
                .int32("batchSize", 10).string("$db", "aiart"), null);
        assertEquals(new Wire.Command(Wire.APP, "getMore", "fs.chunks"), Wire.parse(getMore));
        byte[] aggregate = Bson.opMsg(Bson.doc().int32("aggregate", 1).array("pipeline", Bson.doc().document("$currentOp",
                Bson.doc())).string("$db", "admin"), null);
        assertEquals(new Wire.Command(Wire.APP, "aggregate", ""), Wire.parse(aggregate));
    }

    @Test
    void handshakesAndHeartbeatsAreMonitoring() {
        assertEquals(new Wire.Command(Wire.MONITORING, "hello", ""),
                Wire.parse(Bson.opMsg(Bson.doc().int32("hello", 1).string("$db", "admin"), null)));
        assertEquals(new Wire.Command(Wire.MONITORING, "endSessions", ""),
                Wire.parse(Bson.opMsg(Bson.doc().array("endSessions", Bson.doc().binary("id", new byte[16])).string("$db", "admin"), null)));
        // the driver's first handshake on a new connection is the legacy OP_QUERY on admin.$cmd
        assertEquals(new Wire.Command(Wire.MONITORING, "isMaster", ""),
                Wire.parse(Bson.opQuery("admin.$cmd", Bson.doc().int32("isMaster", 1).bool("helloOk", true)
                        .document("client", Bson.doc().document("driver", Bson.doc().string("name", "mongo-java-driver"))))));
    }

    @Test
    void aWrappedLegacyCommandIsUnwrappedAndALegacyQueryNamesItsCollection() {
        assertEquals(new Wire.Command(Wire.APP, "count", "jobs"), Wire.parse(Bson.opQuery("aiart.$cmd",
                Bson.doc().document("$query", Bson.doc().string("count", "jobs")).document("$readPreference", Bson.doc().string("mode", "primary")))));
        assertEquals(new Wire.Command(Wire.APP, "query", "jobs"), Wire.parse(Bson.opQuery("aiart.jobs", Bson.doc().string("status", "queued"))));
    }

    @Test
    void compressedAndUnknownMessagesAreCountedWithoutBeingRead() {
        assertEquals(new Wire.Command(Wire.COMPRESSED, "compressed", ""), Wire.parse(Bson.message(Wire.OP_COMPRESSED, 3, new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9})));
        assertEquals(new Wire.Command(Wire.APP, "op2002", ""), Wire.parse(Bson.message(2002, 3, new byte[8])));
    }

    @Test
    void garbageIsUnreadableNotAnException() {
        assertEquals("unreadable", Wire.parse(new byte[5]).name());
        byte[] truncated = Bson.message(Wire.OP_MSG, 1, new byte[] {0, 0, 0, 0, 0, 50, 0, 0, 0, 2, 'f'});
        assertEquals("unreadable", Wire.parse(truncated).name());
        ByteArrayOutputStream noCommand = new ByteArrayOutputStream();
        Bson.int32(noCommand, 0);
        noCommand.write(7); // no such section kind
        assertEquals("unreadable", Wire.parse(Bson.message(Wire.OP_MSG, 1, noCommand.toByteArray())).name());
    }

    @Test
    void everyBsonTypeTheDriverSendsIsSkippedToFindAField() {
        byte[] getMore = Bson.opMsg(Bson.doc().int64("getMore", 1L).bool("b", true).objectId("o").int32("i", 3)
                .document("d", Bson.doc().string("x", "y")).array("a", Bson.doc()).binary("bin", new byte[3])
                .string("collection", "jobs"), null);
        assertEquals("jobs", Wire.parse(getMore).collection());
    }
}
