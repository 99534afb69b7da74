package ai.aiart.bench;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Builds BSON documents and wire messages by hand, byte by byte, for the parser's tests. */
final class Bson {

    private final ByteArrayOutputStream elements = new ByteArrayOutputStream();

    static Bson doc() {
        return new Bson();
    }

    Bson string(String name, String value) {
        element(0x02, name);
        byte[] v = value.getBytes(StandardCharsets.UTF_8);
        int32(elements, v.length + 1);
        elements.writeBytes(v);
        elements.write(0);
        return this;
    }

    Bson int32(String name, int value) {
        element(0x10, name);
        int32(elements, value);
        return this;
    }

    Bson int64(String name, long value) {
        element(0x12, name);
        elements.writeBytes(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(value).array());
        return this;
    }

    Bson bool(String name, boolean value) {
        element(0x08, name);
        elements.write(value ? 1 : 0);
        return this;
    }

    Bson objectId(String name) {
        element(0x07, name);
        elements.writeBytes(new byte[12]);
        return this;
    }

    Bson document(String name, Bson value) {
        element(0x03, name);
        elements.writeBytes(value.bytes());
        return this;
    }

    Bson array(String name, Bson... values) {
        Bson array = doc();
        for (int i = 0; i < values.length; i++) {
            array.element(0x03, Integer.toString(i));
            array.elements.writeBytes(values[i].bytes());
        }
        element(0x04, name);
        elements.writeBytes(array.bytes());
        return this;
    }

    Bson binary(String name, byte[] value) {
        element(0x05, name);
        int32(elements, value.length);
        elements.write(0);
        elements.writeBytes(value);
        return this;
    }

    byte[] bytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int32(out, elements.size() + 5);
        out.writeBytes(elements.toByteArray());
        out.write(0);
        return out.toByteArray();
    }

    private void element(int type, String name) {
        elements.write(type);
        elements.writeBytes(name.getBytes(StandardCharsets.UTF_8));
        elements.write(0);
    }

    static void int32(ByteArrayOutputStream out, int v) {
        out.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(v).array());
    }

    /** A whole message: the 16-byte header (its length filled in) and {@code body}. */
    static byte[] message(int opCode, int requestId, byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int32(out, Wire.HEADER + body.length);
        int32(out, requestId);
        int32(out, 0);
        int32(out, opCode);
        out.writeBytes(body);
        return out.toByteArray();
    }

    /** OP_MSG: flagBits, then a kind 1 section of {@code sequence} (when not null), then the kind 0 {@code command}. */
    static byte[] opMsg(Bson command, String identifier, Bson... sequence) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        int32(body, 0);
        if (identifier != null) {
            ByteArrayOutputStream docs = new ByteArrayOutputStream();
            for (Bson d : sequence) {
                docs.writeBytes(d.bytes());
            }
            byte[] id = identifier.getBytes(StandardCharsets.UTF_8);
            body.write(1);
            int32(body, 4 + id.length + 1 + docs.size());
            body.writeBytes(id);
            body.write(0);
            body.writeBytes(docs.toByteArray());
        }
        body.write(0);
        body.writeBytes(command.bytes());
        return message(Wire.OP_MSG, 7, body.toByteArray());
    }

    /** OP_QUERY on {@code fullCollection} with {@code query}. */
    static byte[] opQuery(String fullCollection, Bson query) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        int32(body, 0);
        body.writeBytes(fullCollection.getBytes(StandardCharsets.UTF_8));
        body.write(0);
        int32(body, 0);
        int32(body, -1);
        body.writeBytes(query.bytes());
        return message(Wire.OP_QUERY, 1, body.toByteArray());
    }
}
