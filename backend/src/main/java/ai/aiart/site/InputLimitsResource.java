package ai.aiart.site;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.smallrye.common.annotation.NonBlocking;

import ai.aiart.generation.SubmissionRules;

/**
 * {@code GET /api/v1/limits/input}: what a generation request may carry — prompt lengths, the seed's
 * range, strength, video length, aspect ratios, styles — as {@link SubmissionRules} applies them, so
 * the site's form follows the backend instead of keeping copies (docs/GENERATION.md, "Where the rules
 * live"). The same for every caller and from settings only: no identity, no store command, and a
 * browser may keep it a while; answered on the event loop, like {@code /api/v1/health}. Beside
 * {@link LimitsResource}, whose answer is the caller's own and read fresh each time.
 */
@Path("/api/v1/limits/input")
public class InputLimitsResource {

    /** The settings change only with a restart; a visitor's browser may keep the answer this long. */
    private static final String CACHE = "public, max-age=300";

    private final SubmissionRules rules;

    public InputLimitsResource(SubmissionRules rules) {
        this.rules = rules;
    }

    @GET
    @NonBlocking
    @Produces(MediaType.APPLICATION_JSON)
    public Response input() {
        return Response.ok(rules.input()).header(HttpHeaders.CACHE_CONTROL, CACHE).build();
    }
}
