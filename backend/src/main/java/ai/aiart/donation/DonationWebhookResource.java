package ai.aiart.donation;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.RestForm;

/**
 * {@code POST /api/v1/donations/webhook}: Ko-fi's webhook ({@code application/x-www-form-urlencoded},
 * field {@code data} with the payment as JSON). 200 for every accepted or replayed notification,
 * so Ko-fi stops retrying; 401 for a wrong verification token.
 */
@Path("/api/v1/donations/webhook")
public class DonationWebhookResource {

    private final DonationService donations;

    public DonationWebhookResource(DonationService donations) {
        this.donations = donations;
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    public DonationService.Outcome receive(@RestForm("data") String data) {
        return donations.receive(data);
    }
}
