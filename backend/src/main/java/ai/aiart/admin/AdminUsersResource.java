package ai.aiart.admin;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import ai.aiart.auth.AuthConfig;
import ai.aiart.auth.IdentityResolver;
import ai.aiart.auth.SignedIn;
import ai.aiart.core.Tier;
import ai.aiart.auth.User;
import ai.aiart.auth.UserView;
import ai.aiart.auth.repository.UserRepository;
import ai.aiart.auth.service.UserService;
import ai.aiart.privacy.PersonalData;
import ai.aiart.web.PageCursor;
import ai.aiart.core.ProblemException;
import ai.aiart.web.Violations;

/**
 * {@code /api/v1/admin/users}: the users, newest first, and what admins may change: the tier and
 * a per-minute limit. Changes apply at once on this instance and within
 * {@code aiart.auth.user-refresh} on the others. Changes are accepted by PUT and, because the
 * site's CORS policy allows only GET, POST and DELETE from browsers, by POST as well.
 *
 * <p>The list says {@code admin: true} for the users the backend treats as admins, whose effective
 * tier is then admin whatever their stored one: a verified e-mail in {@code aiart.auth.admin-emails},
 * and the admin asking (the gate let them in). The role is not stored (an admin by the token's
 * custom claim is known only from their own token), so another admin by claim shows no flag.
 */
@Path(AdminGate.PREFIX + "/users")
@Produces(MediaType.APPLICATION_JSON)
public class AdminUsersResource {

    private final UserRepository users;
    private final UserService service;
    private final IdentityResolver identities;
    private final Set<String> adminEmails;
    private final PersonalData personalData;

    public AdminUsersResource(UserRepository users, UserService service, IdentityResolver identities, AuthConfig config,
            PersonalData personalData) {
        this.personalData = personalData;
        this.users = users;
        this.service = service;
        this.identities = identities;
        this.adminEmails = config.adminEmails().orElse(List.of()).stream()
                .map(e -> e.trim().toLowerCase(Locale.ROOT)).filter(e -> !e.isEmpty()).collect(Collectors.toUnmodifiableSet());
    }

    /** One page of users; {@code next_before} is null on the last page. */
    public record UsersPage(List<UserView> users, String nextBefore) {
    }

    /** {@code {"tier": "donor"}}: anonymous, registered or donor (the admin role is not a tier to set). */
    public record TierChange(String tier) {

        void check() {
            new Violations().notBlank("tier", tier, "Say which tier: anonymous, registered or donor.").throwIfAny();
        }
    }

    /** {@code {"per_minute": 20}}, or {@code null} to go back to the tier's limit. */
    public record OverridesChange(Integer perMinute) {

        void check() {
            new Violations()
                    .atLeast("perMinute", perMinute, 1, "per_minute must be at least 1.")
                    .atMost("perMinute", perMinute, 10000, "per_minute must be at most 10000.")
                    .throwIfAny();
        }
    }

    @GET
    public UsersPage list(@QueryParam("limit") String limit, @QueryParam("before") String before,
            @QueryParam("email") String email, io.vertx.core.http.HttpServerRequest http) {
        String caller = identities.signedIn(http).map(SignedIn::uid).orElse(null); // verified already: from the token cache
        int size = PageCursor.limit(limit, 50, 200);
        PageCursor cursor = PageCursor.parse(before);
        List<User> page = users.page(cursor == null ? null : cursor.createdAt(), cursor == null ? null : cursor.id(),
                personalData.emailHash(email), size);
        User last = page.size() == size ? page.get(page.size() - 1) : null;
        return new UsersPage(page.stream().map(u -> {
            String clear = personalData.show(PersonalData.USER_EMAIL, u.email); // for the admin's eyes only
            return UserView.of(u, clear, isAdmin(u, clear, caller) ? Boolean.TRUE : null);
        }).toList(),
                last == null ? null : PageCursor.after(last.createdAt, last.id));
    }

    @PUT
    @Path("/{uid}/tier")
    @Consumes(MediaType.APPLICATION_JSON)
    public UserView setTier(@PathParam("uid") String uid, TierChange change) {
        Violations.requireBody(change, "change", "Send {\"tier\": …}.").check();
        Tier tier = Tier.fromWire(change.tier().trim().toLowerCase(Locale.ROOT)).filter(t -> t != Tier.ADMIN)
                .orElseThrow(() -> ProblemException.validation("The tier must be anonymous, registered or donor. "
                        + "Admins are made with the admin claim or aiart.auth.admin-emails."));
        return view(service.setTier(uid, tier).orElseThrow(() -> unknown(uid)));
    }

    @POST
    @Path("/{uid}/tier")
    @Consumes(MediaType.APPLICATION_JSON)
    public UserView setTierByPost(@PathParam("uid") String uid, TierChange change) {
        return setTier(uid, change);
    }

    @PUT
    @Path("/{uid}/overrides")
    @Consumes(MediaType.APPLICATION_JSON)
    public UserView setOverrides(@PathParam("uid") String uid, OverridesChange change) {
        Violations.requireBody(change, "change", "Send {\"per_minute\": n} or {\"per_minute\": null}.").check();
        return view(service.setPerMinute(uid, change.perMinute()).orElseThrow(() -> unknown(uid)));
    }

    @POST
    @Path("/{uid}/overrides")
    @Consumes(MediaType.APPLICATION_JSON)
    public UserView setOverridesByPost(@PathParam("uid") String uid, OverridesChange change) {
        return setOverrides(uid, change);
    }

    private UserView view(User user) {
        return UserView.of(user, personalData.show(PersonalData.USER_EMAIL, user.email), null);
    }

    /** Whether the backend treats this user as an admin, as far as it can tell without their token. */
    private boolean isAdmin(User user, String email, String caller) {
        return user.id.equals(caller) || (user.emailVerified && email != null && adminEmails.contains(email.toLowerCase(Locale.ROOT)));
    }

    private static ProblemException unknown(String uid) {
        return ProblemException.notFound("There is no user " + uid + ". Users appear after their first signed-in request.");
    }
}
