package ai.aiart.monitoring;

import java.io.IOException;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;

import jakarta.enterprise.inject.Instance;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyReader;
import jakarta.ws.rs.ext.Provider;

import com.fasterxml.jackson.databind.ObjectMapper;

import ai.aiart.core.ErrorType;
import ai.aiart.core.ProblemException;
import ai.aiart.web.StrictJson;

/**
 * Reads a beacon sent as {@code text/plain}. Browsers send {@code navigator.sendBeacon} to another
 * origin only with a CORS-safelisted type (a string body is {@code text/plain;charset=UTF-8}; a
 * JSON Blob is not sent at all), and the site and the backends are different origins. The body is
 * the same JSON object, read by the same strict mapper as {@code application/json}, so a malformed
 * or wrong-typed beacon gets the same problem answer either way.
 */
@Provider
@Consumes(MediaType.TEXT_PLAIN)
public class PlainTextBeaconReader implements MessageBodyReader<BeaconResource.Beacon> {

    /** A beacon is under 400 bytes; more is not one. */
    static final int MAX_BYTES = 4096;

    private final Instance<ObjectMapper> application;
    private volatile ObjectMapper strict;

    public PlainTextBeaconReader(Instance<ObjectMapper> application) {
        this.application = application;
    }

    @Override
    public boolean isReadable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return type == BeaconResource.Beacon.class && mediaType.isCompatible(MediaType.TEXT_PLAIN_TYPE);
    }

    @Override
    public BeaconResource.Beacon readFrom(Class<BeaconResource.Beacon> type, Type genericType, Annotation[] annotations,
            MediaType mediaType, MultivaluedMap<String, String> headers, InputStream body) throws IOException {
        byte[] bytes = body.readNBytes(MAX_BYTES + 1);
        if (bytes.length > MAX_BYTES) {
            throw new ProblemException(ErrorType.PAYLOAD_TOO_LARGE, "A beacon is at most " + MAX_BYTES + " bytes.");
        }
        if (bytes.length == 0) {
            return null; // "Send a JSON object with type and page.", as for an empty JSON body
        }
        ObjectMapper mapper = strict;
        if (mapper == null) {
            mapper = StrictJson.strict(application.get());
            strict = mapper;
        }
        return mapper.readValue(bytes, BeaconResource.Beacon.class);
    }
}
