package ai.aiart.account;

import java.time.Clock;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import ai.aiart.auth.SignedIn;
import ai.aiart.auth.repository.UserRepository;
import ai.aiart.auth.service.UserService;
import ai.aiart.donation.DonationRepository;
import ai.aiart.generation.Job;
import ai.aiart.generation.repository.JobRepository;
import ai.aiart.generation.repository.ResultStore;
import ai.aiart.generation.repository.UploadStore;
import ai.aiart.generation.service.JobBoard;
import ai.aiart.privacy.PersonalData;
import ai.aiart.ratelimit.FairUseMemory;
import io.quarkus.logging.Log;

/**
 * Erases what AiArt keeps about a signed-in user ({@code DELETE /api/v1/user/me}): their jobs
 * (running ones are canceled first, so no worker finishes them), the results and uploads of those
 * jobs in GridFS (a result also shown by another visitor's identical request stays for them),
 * their e-mail on donation records, and their user record. Their fair-use state leaves the records
 * filed under their uid for one filed under a keyed hash of it, for as long as it matters
 * ({@link FairUseMemory}): erasing does not reset an allowance, a block or an admin's demotion.
 */
@ApplicationScoped
public class ErasureService {

    private static final int BATCH = 200;

    private final JobRepository jobs;
    private final ResultStore results;
    private final UploadStore uploads;
    private final FairUseMemory fairUse;
    private final DonationRepository donations;
    private final UserRepository users;
    private final UserService userService;
    private final Clock clock;
    private final JobBoard board;
    private final PersonalData personalData;

    public ErasureService(JobRepository jobs, ResultStore results, UploadStore uploads, FairUseMemory fairUse,
            DonationRepository donations, UserRepository users, UserService userService, Clock clock, JobBoard board,
            PersonalData personalData) {
        this.personalData = personalData;
        this.jobs = jobs;
        this.results = results;
        this.uploads = uploads;
        this.fairUse = fairUse;
        this.donations = donations;
        this.users = users;
        this.userService = userService;
        this.clock = clock;
        this.board = board;
    }

    /**
     * What was erased; {@code fairUseKept}: fair-use state was kept under a hash of the uid (it
     * applies again if the same account signs in within its window).
     */
    public record Erased(long jobs, long results, long uploads, boolean userRecord, boolean fairUseKept,
            long donationsAnonymized) {
    }

    public Erased erase(SignedIn who) {
        long jobCount = 0;
        long resultCount = 0;
        long uploadCount = 0;
        for (List<Job> batch = jobs.anyOwnedBy(who.key(), BATCH); !batch.isEmpty(); batch = jobs.anyOwnedBy(who.key(), BATCH)) {
            for (Job job : batch) {
                if (!job.jobStatus().terminal()) {
                    jobs.cancel(job.id, clock.instant());
                }
                jobs.deleteById(job.id);
                board.changed(job.id); // gone: this instance answers 404 at once, others after their next refresh
                jobCount++;
                if (job.result != null && job.result.fileId != null && !jobs.resultSharedWithOthers(job.result.fileId, job.id)) {
                    results.delete(job.result.fileId);
                    resultCount++;
                }
                if (job.params != null && job.params.input != null && job.params.input.fileId != null) {
                    uploads.delete(job.params.input.fileId);
                    uploadCount++;
                }
            }
        }
        boolean fairUseKept = fairUse.keep(who, users.findById(who.uid()));
        long anonymized = who.email() == null ? 0 : donations.forgetEmail(personalData.emailHash(who.email()),
                who.email().trim().toLowerCase(java.util.Locale.ROOT));
        boolean record = users.deleteById(who.uid());
        userService.forget(who.uid());
        Log.infof("Erased user %s: %d jobs, %d results, %d uploads", who.uid(), jobCount, resultCount, uploadCount);
        return new Erased(jobCount, resultCount, uploadCount, record, fairUseKept, anonymized);
    }
}
