package ai.aiart.privacy;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.bson.Document;
import org.junit.jupiter.api.Test;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;

import ai.aiart.account.Reencryption;
import ai.aiart.support.AuthEmulator;
import ai.aiart.support.EmbeddedStoreResource;
import ai.aiart.support.FirebaseEmulatorProfile;
import ai.aiart.support.InjectAuthEmulator;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/**
 * E-mails and prompts are stored encrypted (docs/IDENTITY.md, "Encrypted at rest"): after real
 * requests the stored users, jobs and donations hold neither in clear anywhere in their documents,
 * while the owner and admins still read them. The ring here is rotated, {@code b} first and the
 * dev/test key {@code dev} second: what was written with {@code dev} (or before encryption) is still
 * read, and new writes and the start-up re-encryption use {@code b}.
 */
@QuarkusTest
@TestProfile(FirebaseEmulatorProfile.class)
@QuarkusTestResource(EmbeddedStoreResource.class)
class EncryptedAtRestTest {

    /** The ring's first key (FirebaseEmulatorProfile: {@code b}, then the development key). */
    static final String KEY_B = FirebaseEmulatorProfile.ROTATED_DATA_KEY_B;

    /** The emulator profile with the ring rotated to {@code b}, the old {@code dev} key still in it. */
    private static final DataCipher OLD_KEY = DataCipher.parse(DataKey.DEVELOPMENT_RING);

    @InjectAuthEmulator
    AuthEmulator emulator;
    @Inject
    MongoClient client;
    @Inject
    PersonalData personalData;
    @Inject
    Reencryption reencryption;

    @Test
    void realRequestsLeaveNoEmailOrPromptInClearAndTheOwnerAndAdminsStillReadThem() {
        AuthEmulator.Account user = emulator.verifyEmail(emulator.signUp("Ada.Lovelace-" + UUID.randomUUID() + "@Example.org"));
        String email = user.email().toLowerCase(Locale.ROOT);
        String prompt = "a lighthouse in violet fog " + UUID.randomUUID();
        String negative = "smudged charcoal " + UUID.randomUUID();
        String anonymousPrompt = "an anonymous harbour at dawn " + UUID.randomUUID();

        given().auth().oauth2(user.idToken()).get("/api/v1/user/me").then().statusCode(200).body("email", equalTo(email));
        String job = given().auth().oauth2(user.idToken()).contentType(ContentType.JSON)
                .body(Map.of("prompt", prompt, "negative_prompt", negative, "seed", 7))
                .post("/api/v1/generate/text-to-image").then().statusCode(202).extract().path("id");
        String anonymous = given().contentType(ContentType.JSON).body(Map.of("prompt", anonymousPrompt))
                .post("/api/v1/generate/text-to-image").then().statusCode(202).extract().path("id");
        given().contentType(ContentType.URLENC)
                .formParam("data", kofi(user.email()))
                .post("/api/v1/donations/webhook").then().statusCode(200).body("status", equalTo("applied"));

        // nothing stored holds them in clear, in any field of any document
        for (String collection : List.of("users", "jobs", "donations")) {
            for (Document stored : db().getCollection(collection).find()) {
                String text = stored.toJson().toLowerCase(Locale.ROOT);
                for (String secret : List.of(email, email.substring(0, email.indexOf('@')), prompt, negative, anonymousPrompt, "Keep painting")) {
                    assertFalse(text.contains(secret.toLowerCase(Locale.ROOT)), collection + " holds '" + secret + "': " + text);
                }
            }
        }
        Document userRecord = db().getCollection("users").find(Filters.eq("_id", user.uid())).first();
        assertTrue(userRecord.getString("email").startsWith("enc1:b:"), "sealed with the first key of the ring");
        assertEquals(personalData.emailHash(email), userRecord.getString("email_hash"));
        for (String id : List.of(job, anonymous)) {
            Document params = db().getCollection("jobs").find(Filters.eq("_id", id)).first().get("params", Document.class);
            assertTrue(params.getString("prompt").startsWith("enc1:b:"), params.toJson());
        }
        Document donation = db().getCollection("donations").find(Filters.eq("email_hash", personalData.emailHash(email))).first();
        assertTrue(donation.getString("email").startsWith("enc1:b:"), donation.toJson());

        // the owner reads the prompt, an admin finds the user by e-mail (any case) and reads it
        given().auth().oauth2(user.idToken()).get("/api/v1/user/jobs").then().statusCode(200)
                .body("jobs[0].id", equalTo(job)).body("jobs[0].prompt", equalTo(prompt));
        given().auth().oauth2(admin()).queryParam("email", user.email().toUpperCase(Locale.ROOT)).get("/api/v1/admin/users")
                .then().statusCode(200).body("users.size()", equalTo(1)).body("users[0].id", equalTo(user.uid()))
                .body("users[0].email", equalTo(email)).body("users[0].tier", equalTo("donor"));
        // and a stranger holding the job id sees no prompt
        given().get("/api/v1/jobs/" + job).then().statusCode(200).body("prompt", equalTo(null));
    }

    @Test
    void recordsInClearOrUnderTheOldKeyAreReadAndResealedWithTheNewOne() {
        AuthEmulator.Account owner = emulator.verifyEmail(emulator.signUp());
        given().auth().oauth2(owner.idToken()).get("/api/v1/user/me").then().statusCode(200);
        String clearPrompt = "written before encryption " + UUID.randomUUID();
        String oldKeyPrompt = "written under key dev " + UUID.randomUUID();
        String clearEmail = "legacy-" + UUID.randomUUID() + "@example.org";
        String oldKeyEmail = "old-key-" + UUID.randomUUID() + "@example.org";
        String donorEmail = "early-donor-" + UUID.randomUUID() + "@example.org";
        Instant now = Instant.now();
        String clearJob = insertJob(owner, clearPrompt, null, now.minusSeconds(2));
        String oldKeyJob = insertJob(owner, OLD_KEY.encrypt(PersonalData.PROMPT, oldKeyPrompt),
                OLD_KEY.encrypt(PersonalData.NEGATIVE_PROMPT, "no fog"), now.minusSeconds(1));
        String clearUser = insertUser(clearEmail, null, now);
        String oldKeyUser = insertUser(OLD_KEY.encrypt(PersonalData.USER_EMAIL, oldKeyEmail), personalData.emailHash(oldKeyEmail), now);
        db().getCollection("donations").insertOne(new Document("_id", UUID.randomUUID().toString()).append("email", donorEmail)
                .append("type", "Donation").append("received_at", Date.from(now)).append("applied", false));

        // read as they are
        given().auth().oauth2(owner.idToken()).get("/api/v1/user/jobs").then().statusCode(200)
                .body("jobs.find { it.id == '" + clearJob + "' }.prompt", equalTo(clearPrompt))
                .body("jobs.find { it.id == '" + oldKeyJob + "' }.prompt", equalTo(oldKeyPrompt));
        given().auth().oauth2(admin()).queryParam("email", oldKeyEmail).get("/api/v1/admin/users").then().statusCode(200)
                .body("users[0].id", equalTo(oldKeyUser)).body("users[0].email", equalTo(oldKeyEmail));

        Reencryption.Outcome outcome = reencryption.run();
        assertTrue(outcome.rewritten() >= 5, outcome.toString());

        for (String id : List.of(clearJob, oldKeyJob)) {
            String text = db().getCollection("jobs").find(Filters.eq("_id", id)).first().toJson();
            assertFalse(text.contains(clearPrompt) || text.contains(oldKeyPrompt) || text.contains("enc1:dev:"), text);
            assertTrue(text.contains("enc1:b:"), text);
        }
        for (String id : List.of(clearUser, oldKeyUser)) {
            Document stored = db().getCollection("users").find(Filters.eq("_id", id)).first();
            assertTrue(stored.getString("email").startsWith("enc1:b:"), stored.toJson());
            assertNotNull(stored.getString("email_hash"), "the record written in clear now has its blind index");
        }
        Document donation = db().getCollection("donations").find(Filters.eq("email_hash", personalData.emailHash(donorEmail))).first();
        assertNotNull(donation, "the clear donation is found by its new blind index");
        assertFalse(donation.toJson().contains(donorEmail), donation.toJson());

        // still read, now under b; the clear user is found by e-mail; the waiting donation reaches its payer
        given().auth().oauth2(owner.idToken()).get("/api/v1/user/jobs").then().statusCode(200)
                .body("jobs.find { it.id == '" + clearJob + "' }.prompt", equalTo(clearPrompt))
                .body("jobs.find { it.id == '" + oldKeyJob + "' }.prompt", equalTo(oldKeyPrompt));
        given().auth().oauth2(admin()).queryParam("email", clearEmail).get("/api/v1/admin/users").then().statusCode(200)
                .body("users[0].id", equalTo(clearUser)).body("users[0].email", equalTo(clearEmail));
        AuthEmulator.Account donor = emulator.verifyEmail(emulator.signUp(donorEmail));
        given().auth().oauth2(donor.idToken()).get("/api/v1/user/me").then().statusCode(200).body("tier", equalTo("donor"));

        // a record under a key the ring does not hold is left as it is, and counted
        String lost = insertJob(owner, DataCipher.parse("gone:" + Base64.getEncoder().encodeToString(new byte[32]))
                .encrypt(PersonalData.PROMPT, "sealed with a lost key"), null, now);
        Reencryption.Outcome again = reencryption.run();
        assertEquals(0, again.rewritten(), "nothing left to reseal");
        assertEquals(1, again.unreadable(), again.toString());
        assertTrue(db().getCollection("jobs").find(Filters.eq("_id", lost)).first().toJson().contains("enc1:gone:"));
        given().auth().oauth2(owner.idToken()).get("/api/v1/user/jobs").then().statusCode(200)
                .body("jobs.find { it.id == '" + lost + "' }.prompt", equalTo(null))
                .body("jobs.find { it.id == '" + clearJob + "' }.prompt", equalTo(clearPrompt));
        db().getCollection("jobs").deleteOne(Filters.eq("_id", lost));
    }

    /** A Ko-fi notification as Ko-fi sends it, with the payer's name and message (which are not kept). */
    private static String kofi(String email) {
        return "{\"verification_token\":\"" + FirebaseEmulatorProfile.KOFI_TOKEN + "\",\"message_id\":\"" + UUID.randomUUID()
                + "\",\"timestamp\":\"2026-12-06T10:00:00Z\",\"type\":\"Donation\",\"from_name\":\"Ada L.\","
                + "\"message\":\"Keep painting!\",\"amount\":\"3.00\",\"email\":\"" + email + "\",\"currency\":\"EUR\","
                + "\"kofi_transaction_id\":\"" + UUID.randomUUID() + "\"}";
    }

    private MongoDatabase db() {
        return client.getDatabase("aiart");
    }

    private String admin() {
        return emulator.setClaims(emulator.signUp(), Map.of("admin", true)).idToken();
    }

    private String insertJob(AuthEmulator.Account owner, String storedPrompt, String storedNegative, Instant created) {
        String id = UUID.randomUUID().toString();
        Document params = new Document("prompt", storedPrompt).append("aspect_ratio", "1:1").append("width", 512).append("height", 512);
        if (storedNegative != null) {
            params.append("negative_prompt", storedNegative);
        }
        db().getCollection("jobs").insertOne(new Document("_id", id).append("kind", "text-to-image").append("status", "canceled")
                .append("priority", 2).append("tier", "registered").append("owner", "user:" + owner.uid()).append("params", params)
                .append("created_at", Date.from(created)).append("completed_at", Date.from(created)));
        return id;
    }

    private String insertUser(String storedEmail, String emailHash, Instant created) {
        String id = "legacy-" + UUID.randomUUID();
        Document user = new Document("_id", id).append("email", storedEmail).append("email_verified", true)
                .append("tier", "registered").append("created_at", Date.from(created)).append("last_active", Date.from(created))
                .append("usage_stats", new Document("jobs", 0L));
        if (emailHash != null) {
            user.append("email_hash", emailHash);
        }
        db().getCollection("users").insertOne(user);
        return id;
    }
}
