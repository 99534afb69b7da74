package ai.aiart.auth.rest;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.smallrye.common.annotation.NonBlocking;

import ai.aiart.auth.IdentityResolver;
import io.vertx.core.http.HttpServerRequest;

/**
 * {@code GET /api/v1/client-address}: the address this backend takes the caller for, and where it
 * found it ({@code header <Name>}, {@code x-forwarded-for} or {@code peer}), decided exactly as for
 * allowances and blocks ({@link IdentityResolver#clientAddress}). It lets an operator see, through
 * the platform's proxy, whether visitors are told apart (docs/FAIR_USE.md, "Client IP and proxies").
 *
 * <p>It echoes the caller's own address only, reads no sign-in, sends no store command and takes
 * nothing from any allowance; like {@code /api/v1/health} it answers on the event loop.
 */
@Path("/api/v1/client-address")
public class ClientAddressResource {

    private final IdentityResolver identities;

    public ClientAddressResource(IdentityResolver identities) {
        this.identities = identities;
    }

    @GET
    @NonBlocking
    @Produces(MediaType.APPLICATION_JSON)
    public Response address(HttpServerRequest http) {
        return Response.ok(identities.clientAddress(http)).header(HttpHeaders.CACHE_CONTROL, "no-store").build();
    }
}
