package ai.aiart.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** Every busy answer carries the donation link and says how a donation helps; other answers do not. */
class BusyPitchTest {

    @Test
    void aBusyProblemSaysHowADonationHelps() {
        Problem busy = Problem.of(ErrorType.RESOURCE_LIMIT, "AiArt cannot reach its database for a moment", 5L, null, null);
        assertEquals("AiArt cannot reach its database for a moment. " + BusyPitch.SENTENCE, busy.message());
        assertEquals("/donate.html", busy.donationLink());

        Problem linked = Problem.of(ErrorType.RESOURCE_LIMIT, "Busy reading pictures. Try again in 10 seconds.", 10L,
                "https://ko-fi.com/aiart", null);
        assertEquals("Busy reading pictures. Try again in 10 seconds. " + BusyPitch.SENTENCE, linked.message());
        assertEquals("https://ko-fi.com/aiart", linked.donationLink());

        String spoken = "Full. Please donate to help.";
        assertEquals(spoken, Problem.of(ErrorType.RESOURCE_LIMIT, spoken, 1L, null, null).message(), "said once, not twice");
    }

    @Test
    void otherProblemsAreLeftAlone() {
        Problem invalid = Problem.of(ErrorType.VALIDATION, "The prompt is missing.", null, null, null);
        assertEquals("The prompt is missing.", invalid.message());
        assertNull(invalid.donationLink());
    }
}
