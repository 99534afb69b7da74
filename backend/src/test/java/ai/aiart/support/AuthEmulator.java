package ai.aiart.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The running Firebase Auth emulator as tests use it: its REST API to sign users up and in, and
 * admin calls (with the emulator's fixed {@code owner} credentials) to verify e-mails and set
 * custom claims — everything a browser with the Firebase JS SDK, or the Firebase console, does.
 */
public final class AuthEmulator {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String url;
    private final String project;

    AuthEmulator(String url, String project) {
        this.url = url;
        this.project = project;
    }

    /** A signed-up account and a fresh ID token for it. */
    public record Account(String uid, String email, String password, String idToken) {
    }

    /** Signs up a new e-mail/password account (unverified e-mail). */
    public Account signUp(String email) {
        String password = "pw-" + UUID.randomUUID();
        Map<String, Object> answer = post("/identitytoolkit.googleapis.com/v1/accounts:signUp?key=any",
                Map.of("email", email, "password", password, "returnSecureToken", true), false);
        return new Account((String) answer.get("localId"), email, password, (String) answer.get("idToken"));
    }

    /** Signs up an account with a unique e-mail. */
    public Account signUp() {
        return signUp("user-" + UUID.randomUUID() + "@aiart.test");
    }

    /** Signs in again: a new token, carrying the account's current e-mail state and claims. */
    public Account signIn(Account account) {
        Map<String, Object> answer = post("/identitytoolkit.googleapis.com/v1/accounts:signInWithPassword?key=any",
                Map.of("email", account.email(), "password", account.password(), "returnSecureToken", true), false);
        return new Account(account.uid(), account.email(), account.password(), (String) answer.get("idToken"));
    }

    /** Marks the account's e-mail verified (as a verification link would) and signs in again. */
    public Account verifyEmail(Account account) {
        post("/identitytoolkit.googleapis.com/v1/projects/" + project + "/accounts:update",
                Map.of("localId", account.uid(), "emailVerified", true), true);
        return signIn(account);
    }

    /** Sets custom claims (as the Admin SDK's setCustomUserClaims would) and signs in again. */
    public Account setClaims(Account account, Map<String, Object> claims) {
        try {
            post("/identitytoolkit.googleapis.com/v1/projects/" + project + "/accounts:update",
                    Map.of("localId", account.uid(), "customAttributes", JSON.writeValueAsString(claims)), true);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return signIn(account);
    }

    /** Disables the account (as the console or the Admin SDK's updateUser would); its tokens stay well-formed. */
    public void disable(Account account) {
        post("/identitytoolkit.googleapis.com/v1/projects/" + project + "/accounts:update",
                Map.of("localId", account.uid(), "disableUser", true), true);
    }

    /** Revokes every sign-in of the account made before now (the Admin SDK's revokeRefreshTokens). */
    public void revokeSignIns(Account account) {
        post("/identitytoolkit.googleapis.com/v1/projects/" + project + "/accounts:update",
                Map.of("localId", account.uid(), "validSince", String.valueOf(java.time.Instant.now().getEpochSecond())), true);
    }

    /** Deletes the account (the Admin SDK's deleteUser). */
    public void delete(Account account) {
        post("/identitytoolkit.googleapis.com/v1/projects/" + project + "/accounts:delete",
                Map.of("localId", account.uid()), true);
    }

    /**
     * The token with some claims replaced, header and (empty) signature kept: what anyone can do
     * to an emulator token, and what emulator mode must still refuse when the claims are wrong.
     */
    public static String withClaims(String token, Map<String, Object> changes) {
        String[] parts = token.split("\\.", -1);
        try {
            Map<String, Object> payload = new HashMap<>(JSON.readValue(Base64.getUrlDecoder().decode(parts[1]), MAP));
            payload.putAll(changes);
            return parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(JSON.writeValueAsBytes(payload))
                    + "." + parts[2];
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The claims of a token, read without checking anything. */
    public static Map<String, Object> claims(String token) {
        try {
            return JSON.readValue(Base64.getUrlDecoder().decode(token.split("\\.", -1)[1]), MAP);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private Map<String, Object> post(String path, Map<String, Object> body, boolean asOwner) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url + path))
                    .timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body), StandardCharsets.UTF_8));
            if (asOwner) {
                request.header("Authorization", "Bearer owner");
            }
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("emulator " + path + " answered " + response.statusCode() + ": " + response.body());
            }
            return JSON.readValue(response.body(), MAP);
        } catch (IOException e) {
            throw new IllegalStateException("emulator " + path + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
