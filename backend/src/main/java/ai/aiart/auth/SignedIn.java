package ai.aiart.auth;

import java.time.Instant;

/**
 * A caller whose Firebase ID token was verified.
 *
 * @param uid           the Firebase user id ({@code sub})
 * @param email         the account's e-mail, or null (e.g. phone sign-in)
 * @param emailVerified whether Firebase vouches for the e-mail (Google sign-in, or a verified link)
 * @param admin         the admin role: custom claim {@code admin: true}, or a verified e-mail in
 *                      {@code aiart.auth.admin-emails}
 * @param provider      how they signed in ({@code password}, {@code google.com}, …), or null
 * @param expiresAt     when the token expires
 */
public record SignedIn(String uid, String email, boolean emailVerified, boolean admin, String provider,
        Instant expiresAt) {

    /** The identity key of a signed-in caller: jobs and buckets are filed under it. */
    public String key() {
        return keyOf(uid);
    }

    public static String keyOf(String uid) {
        return "user:" + uid;
    }
}
