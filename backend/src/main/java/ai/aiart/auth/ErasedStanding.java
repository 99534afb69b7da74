package ai.aiart.auth;

/**
 * What fair use kept of an erased account (docs/IDENTITY.md, "Erasing a user's data"): a user record
 * created for a uid whose account was erased takes it up again, so erasing and signing in again gives
 * no fresh allowance, grace or escape from a block. Fair use keeps it and implements this
 * ({@code ratelimit/FairUseMemory}); {@code service/UserService} calls it for each record it creates,
 * so that identity needs nothing of the limiter (docs/ARCHITECTURE.md, "Layers").
 */
public interface ErasedStanding {

    /**
     * For a user record created just now: applies what was kept of an erased account with the same
     * uid, and forgets it. One store command when nothing was kept.
     *
     * @return the user record, with a kept demotion or limit applied
     */
    User restore(User created);
}
