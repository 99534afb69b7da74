package ai.aiart.bench;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * Just enough of the MongoDB wire protocol to say what a client's message asks for: the
 * 16-byte header (messageLength, requestID, responseTo, opCode, each an int32 little-endian),
 * then OP_MSG (2013: flagBits, sections of kind 0, one BSON document whose first key is the
 * command, and kind 1, a size, an identifier and documents), OP_QUERY (2004: the legacy form of
 * the connection handshake) and OP_COMPRESSED (2012, counted as such: its body is not read).
 * Nothing is decoded beyond the command name and its collection.
 */
final class Wire {

    static final int HEADER = 16;
    /** MongoDB's largest message (maxMessageSizeBytes); anything longer is not a MongoDB client. */
    static final int MAX_MESSAGE = 48_000_000;
    static final int OP_REPLY = 1;
    static final int OP_QUERY = 2004;
    static final int OP_COMPRESSED = 2012;
    static final int OP_MSG = 2013;

    /** Who asks: the application's work, the driver's monitoring and handshakes, or a compressed message. */
    static final String APP = "app";
    static final String MONITORING = "monitoring";
    static final String COMPRESSED = "compressed";

    /**
     * Commands that are the driver's own business: connection handshakes, heartbeats, session
     * clean-up, authentication. Counted apart, so that the figures of record are the
     * application's commands.
     */
    static final Set<String> MONITORING_COMMANDS = Set.of("hello", "isMaster", "ismaster", "ping", "buildInfo", "buildinfo",
            "endSessions", "saslStart", "saslContinue", "authenticate", "getnonce", "getParameter", "whatsmyuri",
            "connectionStatus", "getFreeMonitoringStatus");

    /** What one client message asks: its group, its command and the collection it names ("" when none). */
    record Command(String group, String name, String collection) {
    }

    private Wire() {
    }

    /** The message length announced by a 16-byte header. */
    static int length(byte[] header) {
        return ByteBuffer.wrap(header, 0, HEADER).order(ByteOrder.LITTLE_ENDIAN).getInt(0);
    }

    /** The opCode of a whole message (or of its header). */
    static int opCode(byte[] message) {
        return ByteBuffer.wrap(message).order(ByteOrder.LITTLE_ENDIAN).getInt(12);
    }

    /**
     * What {@code message} (header included) asks. Never throws: a message this parser does not
     * understand is counted under its opCode ({@code op1234}) or as {@code unreadable}.
     */
    static Command parse(byte[] message) {
        if (message.length < HEADER) {
            return new Command(APP, "unreadable", "");
        }
        ByteBuffer b = ByteBuffer.wrap(message).order(ByteOrder.LITTLE_ENDIAN);
        int length = Math.min(b.getInt(0), message.length);
        int opCode = b.getInt(12);
        try {
            return switch (opCode) {
                case OP_MSG -> opMsg(b, length);
                case OP_QUERY -> opQuery(b, length);
                case OP_COMPRESSED -> new Command(COMPRESSED, "compressed", "");
                default -> new Command(APP, "op" + opCode, "");
            };
        } catch (RuntimeException e) {
            return new Command(APP, "unreadable", "");
        }
    }

    private static Command opMsg(ByteBuffer b, int length) {
        int flags = b.getInt(HEADER);
        int end = (flags & 1) != 0 ? length - 4 : length; // checksumPresent: a CRC-32C closes the message
        int at = HEADER + 4;
        while (at < end) {
            int kind = b.get(at) & 0xff;
            at++;
            if (kind == 0) {
                return command(b, at);
            }
            if (kind != 1) {
                break;
            }
            at += b.getInt(at); // kind 1: int32 size (itself included), identifier, documents
        }
        return new Command(APP, "unreadable", "");
    }

    private static Command opQuery(ByteBuffer b, int length) {
        int at = HEADER + 4; // flags
        int nameEnd = cstringEnd(b, at, length);
        String fullCollection = new String(b.array(), at, nameEnd - at, StandardCharsets.UTF_8);
        at = nameEnd + 1 + 8; // numberToSkip, numberToReturn
        if (!fullCollection.endsWith(".$cmd")) {
            return new Command(APP, "query", fullCollection.substring(fullCollection.indexOf('.') + 1));
        }
        Command c = command(b, at);
        if (c.name().equals("$query") || c.name().equals("query")) { // a command wrapped with read preference
            int inner = valueOffset(b, at);
            if (b.get(firstElement(at)) == 0x03) {
                return command(b, inner);
            }
        }
        return c;
    }

    /** The command of the BSON document at {@code doc}: its first key, and its value when that is a string. */
    private static Command command(ByteBuffer b, int doc) {
        int element = firstElement(doc);
        int type = b.get(element) & 0xff;
        if (type == 0) {
            return new Command(APP, "empty", "");
        }
        String name = cstring(b, element + 1);
        String collection = "";
        int value = valueOffset(b, doc);
        if (type == 0x02) {
            collection = string(b, value);
        } else if (name.equals("getMore")) {
            collection = stringField(b, doc, "collection"); // getMore names its cursor; the collection follows
        }
        return new Command(MONITORING_COMMANDS.contains(name) ? MONITORING : APP, name, collection);
    }

    private static int firstElement(int doc) {
        return doc + 4;
    }

    /** Where the value of the first element of the document at {@code doc} starts. */
    private static int valueOffset(ByteBuffer b, int doc) {
        int element = firstElement(doc);
        return cstringEnd(b, element + 1, b.limit()) + 1;
    }

    /** The string value of {@code field} in the document at {@code doc}; "" when it has none. */
    private static String stringField(ByteBuffer b, int doc, String field) {
        int end = doc + b.getInt(doc) - 1;
        int at = doc + 4;
        while (at < end) {
            int type = b.get(at) & 0xff;
            if (type == 0) {
                break;
            }
            int nameEnd = cstringEnd(b, at + 1, end);
            String name = new String(b.array(), at + 1, nameEnd - at - 1, StandardCharsets.UTF_8);
            int value = nameEnd + 1;
            if (name.equals(field) && type == 0x02) {
                return string(b, value);
            }
            at = value + valueSize(b, type, value);
        }
        return "";
    }

    /** Bytes taken by a BSON value of {@code type} at {@code at} (bsonspec.org, version 1.1). */
    static int valueSize(ByteBuffer b, int type, int at) {
        return switch (type) {
            case 0x01, 0x09, 0x11, 0x12 -> 8; // double, UTC datetime, timestamp, int64
            case 0x02, 0x0D, 0x0E -> 4 + b.getInt(at); // string, JavaScript code, symbol
            case 0x03, 0x04, 0x0F -> b.getInt(at); // document, array, code with scope
            case 0x05 -> 5 + b.getInt(at); // binary: length, subtype, bytes
            case 0x06, 0x0A, 0x7F, 0xFF -> 0; // undefined, null, max key, min key
            case 0x07 -> 12; // ObjectId
            case 0x08 -> 1; // boolean
            case 0x0B -> { // regular expression: two cstrings
                int first = cstringEnd(b, at, b.limit());
                yield cstringEnd(b, first + 1, b.limit()) + 1 - at;
            }
            case 0x0C -> 4 + b.getInt(at) + 12; // DBPointer
            case 0x10 -> 4; // int32
            case 0x13 -> 16; // decimal128
            default -> throw new IllegalArgumentException("BSON type " + type);
        };
    }

    private static String string(ByteBuffer b, int at) {
        int n = b.getInt(at);
        return new String(b.array(), at + 4, Math.max(0, n - 1), StandardCharsets.UTF_8);
    }

    private static String cstring(ByteBuffer b, int at) {
        int end = cstringEnd(b, at, b.limit());
        return new String(b.array(), at, end - at, StandardCharsets.UTF_8);
    }

    private static int cstringEnd(ByteBuffer b, int at, int limit) {
        for (int i = at; i < limit; i++) {
            if (b.get(i) == 0) {
                return i;
            }
        }
        throw new IllegalArgumentException("unterminated cstring");
    }
}
