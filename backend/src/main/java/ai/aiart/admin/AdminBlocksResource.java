package ai.aiart.admin;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import ai.aiart.auth.AuthConfig;
import ai.aiart.auth.IdentityResolver;
import ai.aiart.ratelimit.BucketRepository;
import ai.aiart.ratelimit.BucketState;
import ai.aiart.ratelimit.ManualBlock;
import ai.aiart.ratelimit.ManualBlocks;
import ai.aiart.ratelimit.RateLimiter;
import ai.aiart.core.ProblemException;
import ai.aiart.web.Violations;
import io.vertx.core.http.HttpServerRequest;

/**
 * {@code /api/v1/admin/blocks}: who may not generate right now. Lists admin blocks and the fair-use
 * limiter's automatic ones; admins block an IP address (stored only as its keyed hash) or an
 * identity ({@code ip:<hash>}, {@code user:<uid>}) and lift either kind. A block takes effect on
 * every instance within {@code aiart.auth.blocks.refresh}.
 */
@Path(AdminGate.PREFIX + "/blocks")
@Produces(MediaType.APPLICATION_JSON)
public class AdminBlocksResource {

    private static final Pattern IDENTITY = Pattern.compile("(ip|user):[A-Za-z0-9_-]{1,128}");
    private static final Pattern IP_LITERAL = Pattern.compile("[0-9A-Fa-f:.]{2,45}");
    private static final int MAX_LISTED = 500;

    private final ManualBlocks manual;
    private final RateLimiter limiter;
    private final BucketRepository buckets;
    private final IdentityResolver identities;
    private final AuthConfig.Blocks config;
    private final Clock clock;

    public AdminBlocksResource(ManualBlocks manual, RateLimiter limiter, BucketRepository buckets,
            IdentityResolver identities, AuthConfig config, Clock clock) {
        this.manual = manual;
        this.limiter = limiter;
        this.buckets = buckets;
        this.identities = identities;
        this.config = config.blocks();
        this.clock = clock;
    }

    /** A block in force: {@code source} admin or automatic. */
    public record BlockView(String identity, String source, Instant until, long remainingSeconds, String reason,
            String createdBy, Instant createdAt) {
    }

    public record Blocks(List<BlockView> blocks) {
    }

    /** Give {@code ip} or {@code identity}; {@code minutes} defaults to {@code aiart.auth.blocks.default-duration}. */
    public record BlockRequest(String ip, String identity, Long minutes, String reason) {

        /**
         * Lengths and the least number of minutes; the form of the address or identity and the longest block are
         * checked as the block is made. The first two messages are Bean Validation's default wording, which this
         * endpoint has always answered with.
         */
        void check() {
            new Violations()
                    .maxLength("ip", ip, 45, "size must be between 0 and 45")
                    .maxLength("identity", identity, 140, "size must be between 0 and 140")
                    .atLeast("minutes", minutes, 1, "minutes must be at least 1.")
                    .maxLength("reason", reason, 200, "Keep the reason under 200 characters.")
                    .throwIfAny();
        }
    }

    /** What a DELETE lifted. */
    public record Lifted(String identity, boolean admin, boolean automatic) {
    }

    @GET
    public Blocks list() {
        long now = clock.millis();
        List<BlockView> blocks = new ArrayList<>();
        for (ManualBlock block : manual.active(now, MAX_LISTED)) {
            blocks.add(new BlockView(block.id, "admin", Instant.ofEpochMilli(block.until), seconds(block.until - now),
                    block.reason, block.createdBy, block.createdAt == 0 ? null : Instant.ofEpochMilli(block.createdAt)));
        }
        for (BucketState state : buckets.blockedAfter(now, MAX_LISTED)) {
            blocks.add(new BlockView(state.id, "automatic", Instant.ofEpochMilli(state.blockedUntil),
                    seconds(state.blockedUntil - now), "too many refused requests (block " + state.blocks + ")", null, null));
        }
        blocks.sort(Comparator.comparing(BlockView::until).reversed());
        return new Blocks(blocks);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response block(BlockRequest request, HttpServerRequest http) {
        Violations.requireBody(request, "request", "Send {\"ip\": …} or {\"identity\": …}.").check();
        String key = identityOf(request.ip(), request.identity());
        Duration length = request.minutes() == null ? config.defaultDuration() : Duration.ofMinutes(request.minutes());
        if (length.compareTo(config.maxDuration()) > 0) {
            throw ProblemException.validation("A block lasts at most " + config.maxDuration().toMinutes() + " minutes.");
        }
        long now = clock.millis();
        String admin = identities.requireSignedIn(http).uid();
        ManualBlock block = manual.block(key, now + length.toMillis(), request.reason(), admin, now);
        return Response.status(Response.Status.CREATED).entity(new BlockView(block.id, "admin",
                Instant.ofEpochMilli(block.until), seconds(block.until - now), block.reason, admin, Instant.ofEpochMilli(now)))
                .build();
    }

    @DELETE
    public Lifted lift(@QueryParam("ip") String ip, @QueryParam("identity") String identity) {
        String key = identityOf(ip, identity);
        boolean automatic = limiter.liftAutomaticBlock(key);
        boolean admin = manual.lift(key, clock.millis(), automatic);
        if (!automatic && !admin) {
            throw ProblemException.notFound(key + " is not blocked.");
        }
        return new Lifted(key, admin, automatic);
    }

    private String identityOf(String ip, String identity) {
        boolean hasIp = ip != null && !ip.isBlank();
        boolean hasIdentity = identity != null && !identity.isBlank();
        if (hasIp == hasIdentity) {
            throw ProblemException.validation("Give either an IP address ('ip') or an identity ('identity', e.g. user:<uid>).");
        }
        if (hasIdentity) {
            if (!IDENTITY.matcher(identity.trim()).matches()) {
                throw ProblemException.validation("An identity is ip:<hash> or user:<uid>.");
            }
            return identity.trim();
        }
        return identities.anonymousKey(normalizeIp(ip.trim()));
    }

    /** The address as the server sees it, so the hash matches the visitor's ({@code ::1} → {@code 0:0:0:0:0:0:0:1}). */
    static String normalizeIp(String ip) {
        if (!IP_LITERAL.matcher(ip).matches() || !(ip.contains(":") || ip.chars().filter(c -> c == '.').count() == 3)) {
            throw ProblemException.validation("'" + ip + "' is not an IP address.");
        }
        try {
            return InetAddress.getByName(ip).getHostAddress(); // a literal: no name lookup
        } catch (UnknownHostException e) {
            throw ProblemException.validation("'" + ip + "' is not an IP address.");
        }
    }

    private static long seconds(long millis) {
        return Math.max(0, (millis + 999) / 1000);
    }
}
