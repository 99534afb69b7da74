package ai.aiart.auth.service;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
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
import ai.aiart.core.ErrorType;
import ai.aiart.core.ProblemException;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;
import io.quarkus.runtime.configuration.ConfigUtils;

/**
 * Verifies Firebase ID tokens with firebase-admin: signature (Google's public keys, fetched and
 * cached by firebase-admin; no service-account secret), expiry, audience and issuer (our
 * project). Created at start-up, where {@link EmulatorGuard} refuses an unsafe configuration.
 * Outside emulator mode a token that is not RS256-signed with a key id is refused before any
 * key is fetched. Verified tokens are remembered briefly (by hash), never past their expiry.
 * <p>
 * With a service account ({@code aiart.auth.service-account-key}), and always in emulator mode (where
 * firebase-admin itself asks the emulator for the account), each token is also checked against
 * its account (revoked sign-in, disabled or deleted account: 401). The outcome is remembered per
 * token for {@code aiart.auth.revocation-check-every}. When Google cannot be asked, the check fails open: the token's signature, expiry and audience were checked
 * already, a revocation is a rare admin action, and refusing every signed-in visitor during an
 * outage of Google's account API would be worse than honouring a revoked token for a few more
 * minutes. Such tokens are remembered only {@link #UNCHECKED_RETRY}, logged and counted
 * ({@code aiart_auth_revocation_checks_total{outcome="unchecked"}}).
 */
@Startup(1) // first: a refused configuration stops the start before anything else runs
@ApplicationScoped
public class TokenVerifier {

    /** How long a token whose revocation check could not be made is remembered before it is tried again. */
    static final Duration UNCHECKED_RETRY = Duration.ofSeconds(30);

    private final EmulatorGuard.Mode mode;
    private final FirebaseApp app;
    private final FirebaseAuth auth;
    private final Set<String> adminEmails;
    private final Duration cacheTtl;
    private final Clock clock;
    private final Cache<String, Verified> verified;
    private final boolean checkRevoked;
    private final Duration revocationCheckEvery;
    private final MeterRegistry meters;

    /** A verified caller, or a refusal, and until when it is remembered. */
    private record Verified(SignedIn who, ProblemException refusal, Instant until) {
    }

    public TokenVerifier(AuthConfig settings, Clock clock, MeterRegistry meters) {
        if (settings.projectId().isBlank()) {
            throw new IllegalStateException("aiart.auth.project-id (AIART_AUTH_PROJECT_ID) must name the Firebase project.");
        }
        this.clock = clock;
        this.mode = EmulatorGuard.check(ConfigUtils.getProfiles(), settings.emulatorHost(),
                System.getenv(EmulatorGuard.FIREBASE_VARIABLE), settings.allowEmulatorInProd());
        this.adminEmails = settings.adminEmails().orElse(List.of()).stream()
                .map(e -> e.trim().toLowerCase(Locale.ROOT)).filter(e -> !e.isEmpty()).collect(Collectors.toUnmodifiableSet());
        this.cacheTtl = settings.tokenCacheTtl();
        this.meters = meters;
        // entries expire on the application's clock, the one their `until` is reckoned on (and a test can move)
        this.verified = Caffeine.newBuilder().maximumSize(settings.tokenCacheSize())
                .ticker(() -> java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(clock.millis()))
                .expireAfter(Expiry.<String, Verified>creating((key, entry) -> lifetime(entry.until()))).build();

        boolean emulator = mode != EmulatorGuard.Mode.VERIFIED;
        Optional<String> serviceAccount = settings.serviceAccountKey().map(String::trim).filter(v -> !v.isEmpty());
        // firebase-admin checks every token against the emulator's accounts (its fixed owner
        // credentials suffice), so local runs and tests behave as production with a service account
        this.checkRevoked = emulator || serviceAccount.isPresent();
        this.revocationCheckEvery = settings.revocationCheckEvery();
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
                .setCredentials(emulator ? new EmulatorCredentials()
                        : serviceAccount.isPresent() ? serviceAccountCredentials(serviceAccount.get())
                        : GoogleCredentials.create(new AccessToken("none", null)))
                // set explicitly: the defaults (Apache HTTP/2, Jackson 2 factory) come with the
                // Firestore/Storage dependencies that are excluded from the build
                .setHttpTransport(new NetHttpTransport())
                .setJsonFactory(GsonFactory.getDefaultInstance())
                .build();
        this.app = FirebaseApp.initializeApp(options, "aiart-" + UUID.randomUUID());
        this.auth = FirebaseAuth.getInstance(app);

        switch (mode) {
            case VERIFIED -> {
                Log.infof("Sign-in: Firebase ID tokens of project %s, verified with Google's public keys; %s",
                        settings.projectId(), checkRevoked
                                ? "revoked sign-ins and disabled accounts are refused (service account; checked every "
                                        + revocationCheckEvery + " per token)"
                                : "revoked sign-ins and disabled accounts are NOT noticed until their tokens expire "
                                        + "(set AIART_AUTH_SERVICE_ACCOUNT_KEY to check them)");
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
        Verified cached = verified.getIfPresent(cacheKey);
        if (cached != null) {
            if (cached.refusal() != null) {
                throw cached.refusal();
            }
            return cached.who();
        }
        TokenShape shape = TokenShape.parse(token).orElseThrow(() -> AuthProblems.invalidToken(
                "The sign-in token is not a valid Firebase ID token. Please sign in again."));
        if (!emulatorMode() && !shape.signedLikeFirebase()) {
            throw AuthProblems.invalidToken("The sign-in token is not signed. Please sign in again.");
        }
        Instant now = clock.instant();
        Instant expiry = expiry(shape.payload(), now);
        FirebaseToken decoded;
        try {
            // in emulator mode firebase-admin asks the emulator for the account here as well
            decoded = auth.verifyIdToken(token);
        } catch (FirebaseAuthException e) {
            ProblemException refusal = translate(e);
            if (checkRevoked && revokedOrGone(e.getAuthErrorCode())) {
                refused(cacheKey, refusal, min(now.plus(revocationCheckEvery), expiry));
            }
            throw refusal;
        } catch (IllegalArgumentException e) {
            throw AuthProblems.invalidToken("The sign-in token is not a valid Firebase ID token. Please sign in again.");
        }
        SignedIn who = signedIn(decoded, shape.payload());
        Instant until = min(now.plus(cacheTtl), who.expiresAt());
        if (checkRevoked) {
            until = min(until, now.plus(revocationCheckEvery));
        }
        if (checkRevoked && !emulatorMode()) {
            try {
                // the signature check again (Google's keys are cached: no round trip), then the account
                auth.verifyIdToken(token, true);
                meters.counter("aiart.auth.revocation.checks", "outcome", "valid").increment();
            } catch (FirebaseAuthException e) {
                if (revokedOrGone(e.getAuthErrorCode())) {
                    ProblemException refusal = translate(e);
                    refused(cacheKey, refusal, until);
                    throw refusal;
                }
                // fail open (see the class comment): the token itself is sound
                meters.counter("aiart.auth.revocation.checks", "outcome", "unchecked").increment();
                Log.warnf("Sign-in of %s accepted without the revocation check, which failed: %s", who.uid(), e.getMessage());
                until = min(until, now.plus(UNCHECKED_RETRY));
            }
        }
        remember(cacheKey, new Verified(who, null, until));
        return who;
    }

    private void refused(String cacheKey, ProblemException refusal, Instant until) {
        meters.counter("aiart.auth.revocation.checks", "outcome", "refused").increment();
        remember(cacheKey, new Verified(null, refusal, until));
    }

    private static Instant expiry(Map<String, Object> payload, Instant now) {
        return payload.get("exp") instanceof Number n ? Instant.ofEpochSecond(n.longValue()) : now;
    }

    /** Whether revoked sign-ins and disabled accounts are refused (a service account, or emulator mode). */
    public boolean checksRevocation() {
        return checkRevoked;
    }

    private void remember(String cacheKey, Verified entry) {
        if (entry.until().isAfter(clock.instant())) {
            verified.put(cacheKey, entry);
        }
    }

    private static boolean revokedOrGone(AuthErrorCode code) {
        return code == AuthErrorCode.REVOKED_ID_TOKEN || code == AuthErrorCode.USER_DISABLED
                || code == AuthErrorCode.USER_NOT_FOUND;
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    /** The service-account key: its JSON, or the path of a file holding it. */
    private static GoogleCredentials serviceAccountCredentials(String value) {
        try (InputStream in = value.startsWith("{")
                ? new ByteArrayInputStream(value.getBytes(StandardCharsets.UTF_8))
                : Files.newInputStream(Path.of(value))) {
            return GoogleCredentials.fromStream(in);
        } catch (IOException | RuntimeException e) {
            // the message only: the key must never reach the log
            throw new IllegalStateException("aiart.auth.service-account-key (AIART_AUTH_SERVICE_ACCOUNT_KEY) is neither a "
                    + "service-account key (JSON) nor a readable file holding one: " + e.getClass().getSimpleName());
        }
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

    private Duration lifetime(Instant until) {
        Duration left = Duration.between(clock.instant(), until);
        return left.isNegative() ? Duration.ZERO : left;
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
