package ai.aiart.donation;

/**
 * The JSON Ko-fi posts in the form field {@code data} (names are snake_case on the wire, e.g.
 * {@code verification_token}, {@code kofi_transaction_id}). Fields AiArt does not use are ignored.
 */
public record KofiPayload(String verificationToken, String messageId, String timestamp, String type, String email,
        String amount, String currency, String kofiTransactionId, Boolean isSubscriptionPayment) {
}
