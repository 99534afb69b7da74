package ai.aiart.auth.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.google.api.client.http.javanet.NetHttpTransport;
import com.google.api.client.json.gson.GsonFactory;
import com.google.auth.oauth2.AccessToken;
import com.google.auth.oauth2.GoogleCredentials;
import com.google.firebase.ErrorCode;
import com.google.firebase.FirebaseApp;
import com.google.firebase.FirebaseOptions;
import com.google.firebase.auth.AuthErrorCode;
import com.google.firebase.auth.FirebaseAuth;
import com.google.firebase.auth.FirebaseAuthException;
import com.google.firebase.auth.FirebaseToken;
import com.google.firebase.internal.EmulatorCredentials;
import com.google.firebase.internal.FirebaseProcessEnvironment;

import ai.aiart.auth.AuthConfig;
import ai.aiart.auth.AuthProblems;
import ai.aiart.auth.EmulatorGuard;
import ai.aiart.auth.SignedIn;
import ai.aiart.config.AiartConfig;
import ai.aiart.web.ErrorType;
import ai.aiart.web.ProblemException;
import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;
import io.quarkus.runtime.configuration.ConfigUtils;

/**
 * Verifies Firebase ID tokens with firebase-admin: signature (Google's public keys, fetched and
 * cached by firebase-admin; no service-account secret), expiry, audience and issuer (our
 * project). Created at start-up, where {@link EmulatorGuard} refuses an unsafe configuration.
 * Outside emulator mode a token that is not RS256-signed with a key id is refused before any
 * key is fetched. Verified tokens are remembered briefly (by hash), never past their expiry.
 */
@Startup(1) // first: a refused configuration stops the start before anything else runs
@ApplicationScoped
public class TokenVerifier {

    private final EmulatorGuard.Mode mode;
    private final FirebaseApp app;
    private final FirebaseAuth auth;
    private final Set<String> adminEmails;
    private final Duration cacheTtl;
    private final Clock clock;
    private final Cache<String, SignedIn> verified;

    public TokenVerifier(AiartConfig config, Clock clock) {
        AuthConfig settings = config.auth();
        if (settings.projectId().isBlank()) {
            throw new IllegalStateException("aiart.auth.project-id (AIART_AUTH_PROJECT_ID) must name the Firebase project.");
        }
        this.clock = clock;
        this.mode = EmulatorGuard.check(ConfigUtils.getProfiles(), settings.emulatorHost(),
                System.getenv(EmulatorGuard.FIREBASE_VARIABLE), settings.allowEmulatorInProd());
        this.adminEmails = settings.adminEmails().orElse(List.of()).stream()
                .map(e -> e.trim().toLowerCase(Locale.ROOT)).filter(e -> !e.isEmpty()).collect(Collectors.toUnmodifiableSet());
        this.cacheTtl = settings.tokenCacheTtl();
        this.verified = Caffeine.newBuilder().maximumSize(settings.tokenCacheSize())
                .expireAfter(Expiry.<String, SignedIn>creating((key, who) -> lifetime(who))).build();

        boolean emulator = mode != EmulatorGuard.Mode.VERIFIED;
        String host = settings.emulatorHost().map(String::trim).orElse("");
        if (emulator) {
            // firebase-admin reads the emulator address from the environment or from this override
            FirebaseProcessEnvironment.setenv(EmulatorGuard.FIREBASE_VARIABLE, host);
        } else {
            // a previous application in this JVM (tests) may have set it
            FirebaseProcessEnvironment.clearCache();
        }
        FirebaseOptions options = FirebaseOptions.builder()
                .setProjectId(settings.projectId())
                // verifying tokens needs no credentials: the public keys are public. The emulator
                // accepts its fixed "owner" credentials for the user look-ups firebase-admin makes.
                .setCredentials(emulator ? new EmulatorCredentials() : GoogleCredentials.create(new AccessToken("none", null)))
                // set explicitly: the defaults (Apache HTTP/2, Jackson 2 factory) come with the
                // Firestore/Storage dependencies that are excluded from the build
                .setHttpTransport(new NetHttpTransport())
                .setJsonFactory(GsonFactory.getDefaultInstance())
                .build();
        this.app = FirebaseApp.initializeApp(options, "aiart-" + UUID.randomUUID());
        this.auth = FirebaseAuth.getInstance(app);

        switch (mode) {
            case VERIFIED -> {
                Log.infof("Sign-in: Firebase ID tokens of project %s, verified with Google's public keys", settings.projectId());
                if (settings.projectId().startsWith("demo-") && EmulatorGuard.isProduction(ConfigUtils.getProfiles())) {
                    Log.warnf("Sign-in: %s is an emulator-only project, so no real token will be accepted. "
                            + "Set AIART_AUTH_PROJECT_ID to your Firebase project.", settings.projectId());
                }
            }
            case EMULATOR -> Log.warnf("Sign-in: Firebase Auth EMULATOR at %s (project %s). Tokens are not "
                    + "signature-checked: for development and tests only.", host, settings.projectId());
            case EMULATOR_IN_PRODUCTION -> Log.errorf("%n%s%n  DANGER: the production backend runs with the Firebase Auth "
                    + "EMULATOR (%s) because AIART_AUTH_ALLOW_EMULATOR_IN_PROD=true.%n  Sign-in tokens are NOT verified: "
                    + "anyone can sign in as anyone, admin included.%n  Use this only for a throw-away demo.%n%s",
                    "!".repeat(100), host, "!".repeat(100));
        }
    }

    /** Whether tokens are checked by the emulator's rules (unsigned tokens accepted). */
    public boolean emulatorMode() {
        return mode != EmulatorGuard.Mode.VERIFIED;
    }

    /** The caller the token names, or 401 (503 when Google's keys cannot be fetched). */
    public SignedIn verify(String token) {
        String cacheKey = sha256(token);
        SignedIn cached = verified.getIfPresent(cacheKey);
        if (cached != null) {
            return cached;
        }
        TokenShape shape = TokenShape.parse(token).orElseThrow(() -> AuthProblems.invalidToken(
                "The sign-in token is not a valid Firebase ID token. Please sign in again."));
        if (!emulatorMode() && !shape.signedLikeFirebase()) {
            throw AuthProblems.invalidToken("The sign-in token is not signed. Please sign in again.");
        }
        FirebaseToken decoded;
        try {
            decoded = auth.verifyIdToken(token);
        } catch (FirebaseAuthException e) {
            throw translate(e);
        } catch (IllegalArgumentException e) {
            throw AuthProblems.invalidToken("The sign-in token is not a valid Firebase ID token. Please sign in again.");
        }
        SignedIn who = signedIn(decoded, shape.payload());
        if (who.expiresAt().isAfter(clock.instant())) {
            verified.put(cacheKey, who);
        }
        return who;
    }

    private SignedIn signedIn(FirebaseToken token, Map<String, Object> payload) {
        String email = token.getEmail();
        boolean emailVerified = token.isEmailVerified();
        boolean admin = Boolean.TRUE.equals(token.getClaims().get("admin"))
                || (email != null && emailVerified && adminEmails.contains(email.toLowerCase(Locale.ROOT)));
        String provider = token.getClaims().get("firebase") instanceof Map<?, ?> firebase
                && firebase.get("sign_in_provider") instanceof String p ? p : null;
        Object exp = payload.get("exp");
        Instant expiresAt = exp instanceof Number n ? Instant.ofEpochSecond(n.longValue()) : clock.instant();
        return new SignedIn(token.getUid(), email, emailVerified, admin, provider, expiresAt);
    }

    private Duration lifetime(SignedIn who) {
        Duration left = Duration.between(clock.instant(), who.expiresAt());
        return left.compareTo(cacheTtl) < 0 ? (left.isNegative() ? Duration.ZERO : left) : cacheTtl;
    }

    private static ProblemException translate(FirebaseAuthException e) {
        AuthErrorCode code = e.getAuthErrorCode();
        if (code == AuthErrorCode.CERTIFICATE_FETCH_FAILED || (code == null && transientFailure(e.getErrorCode()))) {
            Log.warnf("Sign-in could not be checked: %s", e.getMessage());
            return new ProblemException(ErrorType.PROVIDER_UNAVAILABLE,
                    "Sign-in cannot be checked right now. Please try again in a moment.", 5L, null, Map.of());
        }
        Log.debugf("Refused sign-in token: %s", e.getMessage());
        String message = code == null ? "The sign-in token could not be verified. Please sign in again." : switch (code) {
            case EXPIRED_ID_TOKEN -> "Your sign-in has expired. Please sign in again.";
            case REVOKED_ID_TOKEN, USER_DISABLED -> "This sign-in is no longer valid: the account was signed out or disabled.";
            case USER_NOT_FOUND -> "This account no longer exists. Please sign in again.";
            default -> "The sign-in token could not be verified (wrong project, or altered). Please sign in again.";
        };
        return AuthProblems.invalidToken(message);
    }

    private static boolean transientFailure(ErrorCode code) {
        return code == ErrorCode.UNAVAILABLE || code == ErrorCode.INTERNAL || code == ErrorCode.UNKNOWN
                || code == ErrorCode.DEADLINE_EXCEEDED;
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @PreDestroy
    void close() {
        app.delete();
    }
}
