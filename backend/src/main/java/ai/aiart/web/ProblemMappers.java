package ai.aiart.web;

import java.util.List;
import java.util.Map;

import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import ai.aiart.core.ErrorObserved;
import ai.aiart.core.ErrorType;
import ai.aiart.core.Problem;
import ai.aiart.core.ProblemException;
import com.mongodb.MongoException;
import com.mongodb.MongoConnectionPoolClearedException;
import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;

import io.quarkus.logging.Log;
import jakarta.enterprise.event.Event;
import io.vertx.core.http.HttpServerRequest;

/**
 * Turns every exception that leaves a resource into a problem answer (docs/ARCHITECTURE.md, "Errors"): no stack
 * traces and no HTML, whatever went wrong.
 */
public class ProblemMappers {

    /** Told of every unexpected failure (monitoring keeps them as error records). */
    private final Event<ErrorObserved> errors;

    public ProblemMappers(Event<ErrorObserved> errors) {
        this.errors = errors;
    }

    @ServerExceptionMapper
    public Response problem(ProblemException e) {
        Response.ResponseBuilder response = Response.fromResponse(ProblemResponses.of(e.toProblem()));
        e.headers().forEach(response::header);
        return response.build();
    }

    @ServerExceptionMapper
    public Response notModified(NotModified e) {
        Response.ResponseBuilder response = Response.notModified();
        e.headers().forEach(response::header);
        return response.build();
    }

    @ServerExceptionMapper
    public Response malformedJson(JsonParseException e) {
        String where = e.getLocation() == null ? ""
                : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
        return ProblemResponses.of(ErrorType.VALIDATION, "The request body is not valid JSON" + where + ".");
    }

    @ServerExceptionMapper
    public Response wrongType(InvalidFormatException e) {
        return mismatched(e);
    }

    @ServerExceptionMapper
    public Response mismatched(MismatchedInputException e) {
        String field = path(e);
        String expected = expected(e.getTargetType());
        String message = field.isEmpty()
                ? "The request body does not have the expected shape: send a JSON object."
                : "The field '" + field + "' has the wrong type" + (expected == null ? "." : ": it must be " + expected + ".");
        return ProblemResponses.of(Problem.of(ErrorType.VALIDATION, message, null, null,
                field.isEmpty() ? Map.of() : Map.of("errors", List.of(Map.of("field", field,
                        "message", expected == null ? "wrong type" : "wrong type: must be " + expected)))));
    }

    /** What a JSON value for {@code type} must be, in the words of the API documentation; null when there is nothing simple to say. */
    private static String expected(Class<?> type) {
        if (type == null) {
            return null;
        }
        if (CharSequence.class.isAssignableFrom(type)) {
            return "a string";
        }
        if (type == Long.class || type == long.class || type == Integer.class || type == int.class
                || type == Short.class || type == short.class || type == java.math.BigInteger.class) {
            return "a whole number";
        }
        if (Number.class.isAssignableFrom(type) || type == double.class || type == float.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type.isEnum() || type.isArray() || java.util.Collection.class.isAssignableFrom(type)) {
            return type.isEnum() ? "one of the documented strings" : "a list";
        }
        return null;
    }

    @ServerExceptionMapper
    public Response unreadableJson(JsonProcessingException e) {
        return ProblemResponses.of(ErrorType.VALIDATION, "The request body could not be read as JSON.");
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri, HttpServerRequest request) {
        int status = e.getResponse().getStatus();
        // the JSON reader reports unreadable bodies as a 400 with the parser's exception as cause
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof JsonParseException parse) {
                return malformedJson(parse);
            }
            if (cause instanceof MismatchedInputException mismatch) {
                return mismatched(mismatch);
            }
            if (cause instanceof JsonProcessingException json) {
                return unreadableJson(json);
            }
        }
        String path = "/" + uri.getPath().replaceFirst("^/", "");
        String message = switch (status) {
            case 404 -> "There is nothing at " + path + ".";
            case 405 -> path + " does not accept " + request.method() + allowed(e) + ".";
            case 415 -> "This endpoint does not accept content of type '"
                    + (request.getHeader(HttpHeaders.CONTENT_TYPE) == null ? "none" : request.getHeader(HttpHeaders.CONTENT_TYPE))
                    + "'." + (e instanceof NotSupportedException ? " Send JSON (application/json) or a multipart form as documented." : "");
            case 406 -> "This endpoint cannot answer in the type you asked for (Accept: "
                    + request.getHeader(HttpHeaders.ACCEPT) + ").";
            default -> status >= 500 ? "Something went wrong on our side. Please try again." : "The request is not valid.";
        };
        if (status >= 500) {
            Log.errorf(e, "Request %s %s failed", request.method(), path);
        }
        Response response = ProblemResponses.of(ErrorType.forStatus(status), message);
        if (e instanceof NotAllowedException && e.getResponse().getHeaderString(HttpHeaders.ALLOW) != null) {
            return Response.fromResponse(response).header(HttpHeaders.ALLOW, e.getResponse().getHeaderString(HttpHeaders.ALLOW)).build();
        }
        return response;
    }

    /**
     * The store is out of reach or overwhelmed (docs/ARCHITECTURE.md): a clear 503 the client may retry, not
     * a 500. A cleared connection pool is the driver's answer to a store that stopped answering
     * in time (seen when the embedded store was swamped by the benchmark's compressed day).
     */
    @ServerExceptionMapper({MongoTimeoutException.class, MongoSocketException.class, MongoConnectionPoolClearedException.class})
    public Response storeUnavailable(MongoException e, HttpServerRequest request) {
        Log.warnf("Request %s %s: the store is unreachable (%s)", request.method(), request.path(), e.getClass().getSimpleName());
        return ProblemResponses.of(Problem.of(ErrorType.RESOURCE_LIMIT,
                "AiArt cannot reach its database for a moment. Please try again in a few seconds.", 5L, null, null));
    }

    /**
     * A body that ends before it is complete (a cut-off multipart form, a connection closed mid-upload)
     * is the client's fault: 400. Other I/O failures are ours.
     */
    @ServerExceptionMapper
    public Response unreadableBody(java.io.IOException e, HttpServerRequest request) {
        if (readingTheRequest(e)) {
            return ProblemResponses.of(ErrorType.VALIDATION,
                    "The request body could not be read: it is incomplete or malformed. Please send it again.");
        }
        return unexpected(e, request);
    }

    private static boolean readingTheRequest(Throwable e) {
        for (StackTraceElement frame : e.getStackTrace()) {
            String type = frame.getClassName();
            if (type.startsWith("org.jboss.resteasy.reactive.server.core.multipart.")
                    || type.endsWith(".FormBodyHandler") || type.endsWith(".VertxInputStream")) {
                return true;
            }
        }
        return false;
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, HttpServerRequest request) {
        Log.errorf(e, "Request %s %s failed", request.method(), request.path());
        errors.fire(new ErrorObserved(e, request.method().name(), request.path()));
        return ProblemResponses.of(ErrorType.INTERNAL, "Something went wrong on our side. Please try again.");
    }

    private static String allowed(WebApplicationException e) {
        String allow = e.getResponse().getHeaderString(HttpHeaders.ALLOW);
        return allow == null || allow.isBlank() ? "" : " (it accepts " + allow.replace(",", ", ") + ")";
    }

    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (path.length() > 0) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }
}
