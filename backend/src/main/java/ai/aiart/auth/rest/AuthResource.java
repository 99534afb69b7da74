package ai.aiart.auth.rest;

import java.time.Instant;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import ai.aiart.core.Identity;
import ai.aiart.auth.IdentityResolver;
import ai.aiart.auth.SignedIn;
import ai.aiart.core.Tier;
import ai.aiart.auth.service.UserService;
import io.vertx.core.http.HttpServerRequest;

/** {@code GET /api/v1/auth/me}: who the token says the caller is, and the tier they get. 401 without one. */
@Path("/api/v1/auth/me")
public class AuthResource {

    private final IdentityResolver identities;
    private final UserService users;

    public AuthResource(IdentityResolver identities, UserService users) {
        this.identities = identities;
        this.users = users;
    }

    /** The answer of {@code /auth/me}; {@code tier} is the one limits and queue use (admin for admins). */
    public record Me(String uid, String email, boolean emailVerified, boolean admin, Tier tier, String signInProvider,
            Instant expiresAt) {
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response me(HttpServerRequest http) {
        SignedIn who = identities.requireSignedIn(http);
        Identity identity = users.identityOf(who);
        return Response.ok(new Me(who.uid(), who.email(), who.emailVerified(), who.admin(), identity.tier(),
                who.provider(), who.expiresAt())).header(HttpHeaders.CACHE_CONTROL, "no-store").build();
    }
}
