package ai.aiart.account;

import java.util.List;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import ai.aiart.auth.IdentityResolver;
import ai.aiart.auth.SignedIn;
import ai.aiart.auth.User;
import ai.aiart.auth.UserView;
import ai.aiart.auth.service.UserService;
import ai.aiart.generation.Job;
import ai.aiart.generation.JobView;
import ai.aiart.generation.repository.JobRepository;
import ai.aiart.generation.service.JobViews;
import ai.aiart.privacy.PersonalData;
import ai.aiart.web.PageCursor;
import io.vertx.core.http.HttpServerRequest;

/** {@code /api/v1/user/*}: the signed-in user's record, their history, and erasure of their data. */
@Path("/api/v1/user")
@Produces(MediaType.APPLICATION_JSON)
public class UserResource {

    static final int MAX_PAGE = 100;

    private final IdentityResolver identities;
    private final UserService users;
    private final ErasureService erasure;
    private final JobRepository jobs;
    private final JobViews views;
    private final PersonalData personalData;

    public UserResource(IdentityResolver identities, UserService users, ErasureService erasure, JobRepository jobs,
            JobViews views, PersonalData personalData) {
        this.personalData = personalData;
        this.identities = identities;
        this.users = users;
        this.erasure = erasure;
        this.jobs = jobs;
        this.views = views;
    }

    /** One page of the user's jobs, newest first; {@code next_before} is null on the last page. */
    public record JobsPage(List<JobView> jobs, String nextBefore) {
    }

    /** The answer of an erasure. */
    public record Erasure(String message, ErasureService.Erased erased) {
    }

    @GET
    @Path("/me")
    public Response me(HttpServerRequest http) {
        SignedIn who = identities.requireSignedIn(http);
        User user = users.record(who);
        return noStore(UserView.of(user, personalData.show(PersonalData.USER_EMAIL, user.email), who.admin()));
    }

    @GET
    @Path("/jobs")
    public Response jobs(@QueryParam("limit") String limit, @QueryParam("before") String before, HttpServerRequest http) {
        SignedIn who = identities.requireSignedIn(http);
        int size = PageCursor.limit(limit, 20, MAX_PAGE);
        PageCursor cursor = PageCursor.parse(before);
        List<Job> page = jobs.history(who.key(), cursor == null ? null : cursor.createdAt(),
                cursor == null ? null : cursor.id(), size);
        Job last = page.size() == size ? page.get(page.size() - 1) : null;
        return noStore(new JobsPage(page.stream().map(views::ofOwned).toList(),
                last == null ? null : PageCursor.after(last.createdAt, last.id)));
    }

    @DELETE
    @Path("/me")
    public Response erase(HttpServerRequest http) {
        SignedIn who = identities.requireSignedIn(http);
        return noStore(new Erasure("Your AiArt data has been erased. Your sign-in account itself is kept by "
                + "Firebase until you delete it; signing in again starts a new, empty record. Fair-use limits (what is "
                + "left of your allowance, a block) are kept without your e-mail or account id until they run out, and "
                + "apply again if this account signs in before then.", erasure.erase(who)));
    }

    private static Response noStore(Object entity) {
        return Response.ok(entity).header(HttpHeaders.CACHE_CONTROL, "no-store").build();
    }
}
