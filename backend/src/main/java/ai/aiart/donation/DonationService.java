package ai.aiart.donation;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import ai.aiart.auth.Secrets;
import ai.aiart.auth.service.UserService;
import ai.aiart.privacy.PersonalData;
import ai.aiart.core.ErrorType;
import ai.aiart.core.ProblemException;
import io.quarkus.logging.Log;

/**
 * Handles the donation platform's webhook: a payment with the right verification token makes
 * the users with its (verified) e-mail donors. Each transaction is recorded once, so a replay
 * changes nothing; a payment from an e-mail no user has yet waits until that user signs in.
 */
@ApplicationScoped
public class DonationService {

    private final DonationRepository donations;
    private final UserService users;
    private final DonationsConfig config;
    private final ObjectMapper json;
    private final Clock clock;
    private final PersonalData personalData;

    public DonationService(DonationRepository donations, UserService users, DonationsConfig config, ObjectMapper json,
            Clock clock, PersonalData personalData) {
        this.personalData = personalData;
        this.donations = donations;
        this.users = users;
        this.config = config;
        this.json = json;
        this.clock = clock;
    }

    /** What became of a notification: {@code applied}, {@code pending} (no such user yet) or {@code duplicate}. */
    public record Outcome(String status, String transactionId, int upgradedUsers) {
    }

    public Outcome receive(String data) {
        String expected = config.verificationToken().filter(t -> !t.isBlank()).orElseThrow(() -> new ProblemException(
                ErrorType.FORBIDDEN, "Donations are not set up on this server (no aiart.donations.verification-token)."));
        if (data == null || data.isBlank()) {
            throw ProblemException.validation("Expected the form field 'data' holding the donation as JSON.");
        }
        KofiPayload payload;
        try {
            payload = json.readValue(data, KofiPayload.class);
        } catch (JsonProcessingException e) {
            throw ProblemException.validation("The form field 'data' is not valid JSON.");
        }
        if (payload == null || !Secrets.matches(payload.verificationToken(), expected)) {
            Log.warn("Donation webhook refused: wrong verification token");
            throw new ProblemException(ErrorType.UNAUTHORIZED, "The verification token does not match.");
        }
        if (payload.kofiTransactionId() == null || payload.kofiTransactionId().isBlank()) {
            throw ProblemException.validation("The donation has no kofi_transaction_id.");
        }
        Instant now = clock.instant();
        Donation donation = new Donation();
        donation.id = payload.kofiTransactionId().trim();
        String email = payload.email() == null || payload.email().isBlank() ? null : payload.email().trim().toLowerCase(Locale.ROOT);
        donation.email = personalData.seal(PersonalData.DONATION_EMAIL, email);
        donation.emailHash = personalData.emailHash(email);
        donation.type = payload.type();
        donation.amount = payload.amount();
        donation.currency = payload.currency();
        donation.platformTimestamp = payload.timestamp();
        donation.receivedAt = now;
        if (!donations.insertOnce(donation)) {
            Log.infof("Donation %s received again: nothing to do", donation.id);
            return new Outcome("duplicate", donation.id, 0);
        }
        List<String> upgraded = donation.emailHash == null ? List.of() : users.upgradeToDonor(donation.emailHash);
        if (upgraded.isEmpty()) {
            Log.infof("Donation %s recorded; no signed-in user with its e-mail yet", donation.id);
            return new Outcome("pending", donation.id, 0);
        }
        donations.markApplied(donation.id, upgraded, now);
        Log.infof("Donation %s: %d user(s) are now donors", donation.id, upgraded.size());
        return new Outcome("applied", donation.id, upgraded.size());
    }
}
