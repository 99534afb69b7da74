package ai.aiart.web;

import jakarta.enterprise.inject.Instance;
import jakarta.ws.rs.ConstrainedTo;
import jakarta.ws.rs.RuntimeType;
import jakarta.ws.rs.ext.ContextResolver;
import jakarta.ws.rs.ext.Provider;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;

/**
 * The JSON mapper of the REST endpoints (requests from the public, peers and admins): the
 * application's mapper with every scalar coercion turned off, so {@code "prompt": 12} or
 * {@code "seed": "42"} is a 400 {@code validation} problem naming the field ({@link ProblemMappers})
 * instead of the prompt "12" and the seed 42. The upstream clients and the providers' own parsing
 * keep the application's lenient mapper, since an upstream that writes a number as a string must
 * not fail a job: the REST clients discover this resolver as well, so it declines their payload
 * types ({@link #UPSTREAM_PAYLOADS}).
 */
@Provider
@ConstrainedTo(RuntimeType.SERVER)
public class StrictJson implements ContextResolver<ObjectMapper> {

    /** Where the upstream clients' payload types live (provider/**). */
    static final String UPSTREAM_PAYLOADS = "ai.aiart.provider.";

    private final Instance<ObjectMapper> application;
    private volatile ObjectMapper strict;

    /** Providers are created before the application's mapper may be: it is copied at the first request. */
    public StrictJson(Instance<ObjectMapper> application) {
        this.application = application;
    }

    @Override
    public ObjectMapper getContext(Class<?> type) {
        if (type != null && type.getName().startsWith(UPSTREAM_PAYLOADS)) {
            // the REST clients find this resolver too, despite @ConstrainedTo: their payloads keep
            // the application's lenient mapper (null = the default)
            return null;
        }
        ObjectMapper mapper = strict;
        if (mapper == null) {
            mapper = strict(application.get());
            strict = mapper;
        }
        return mapper;
    }

    /** A copy of {@code lenient} (naming, dates, unknown properties as configured) that refuses values of the wrong JSON type. */
    @SuppressWarnings("deprecation") // ObjectMapper.configure(MapperFeature): the mapper is a copy built once, never shared
    public static ObjectMapper strict(ObjectMapper lenient) {
        ObjectMapper mapper = lenient.copy();
        mapper.configure(MapperFeature.ALLOW_COERCION_OF_SCALARS, false);
        mapper.configure(DeserializationFeature.ACCEPT_FLOAT_AS_INT, false);
        mapper.configure(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS, true);
        mapper.configure(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY, false);
        mapper.configure(DeserializationFeature.UNWRAP_SINGLE_VALUE_ARRAYS, false);
        // text only from a JSON string; numbers only from a JSON number (whole ones for integer
        // fields), never from a string; booleans only from true and false; enums only from their names
        refuse(mapper, LogicalType.Textual, CoercionInputShape.Integer, CoercionInputShape.Float, CoercionInputShape.Boolean);
        refuse(mapper, LogicalType.Integer, CoercionInputShape.String, CoercionInputShape.EmptyString, CoercionInputShape.Float,
                CoercionInputShape.Boolean);
        refuse(mapper, LogicalType.Float, CoercionInputShape.String, CoercionInputShape.EmptyString, CoercionInputShape.Boolean);
        refuse(mapper, LogicalType.Boolean, CoercionInputShape.String, CoercionInputShape.EmptyString, CoercionInputShape.Integer);
        refuse(mapper, LogicalType.Enum, CoercionInputShape.Integer, CoercionInputShape.EmptyString);
        return mapper;
    }

    private static void refuse(ObjectMapper mapper, LogicalType type, CoercionInputShape... shapes) {
        for (CoercionInputShape shape : shapes) {
            mapper.coercionConfigFor(type).setCoercion(shape, CoercionAction.Fail);
        }
    }
}
