package ai.aiart.generation.service;

import jakarta.enterprise.context.ApplicationScoped;

import ai.aiart.generation.Job;
import ai.aiart.core.JobKind;
import ai.aiart.generation.JobStatus;
import ai.aiart.generation.JobView;
import ai.aiart.privacy.PersonalData;

/** Turns stored jobs into what the API shows: links, queue position and wait estimate. */
@ApplicationScoped
public class JobViews {

    public static final String API = "/api/v1";

    private final JobBoard board;
    private final ServiceTimes serviceTimes;
    private final Workforce workforce;
    private final java.time.Clock clock;
    private final PersonalData personalData;

    public JobViews(JobBoard board, ServiceTimes serviceTimes, Workforce workforce, java.time.Clock clock,
            PersonalData personalData) {
        this.personalData = personalData;
        this.board = board;
        this.serviceTimes = serviceTimes;
        this.workforce = workforce;
        this.clock = clock;
    }

    public JobView of(Job job) {
        JobStatus status = job.jobStatus();
        JobKind kind = job.jobKind();
        String self = API + "/jobs/" + job.id;
        Long position = null;
        Long eta = null;
        java.time.Instant deferredUntil = null;
        if (status == JobStatus.QUEUED) {
            position = board.positionOf(job);
            eta = etaSeconds(kind, position);
            if (job.notBefore != null && job.notBefore.isAfter(clock.instant())) {
                // the deferred lane: it starts when its token is due at the earliest, then takes its time
                deferredUntil = job.notBefore;
                long wait = (java.time.Duration.between(clock.instant(), job.notBefore).toMillis() + 999) / 1000;
                eta = Math.max(eta, wait + (long) Math.ceil(serviceTimes.mean(kind).toMillis() / 1000.0));
            }
        } else if (status == JobStatus.RUNNING && job.startedAt != null) {
            long elapsed = java.time.Duration.between(job.startedAt, clock.instant()).toSeconds();
            eta = Math.max(0, serviceTimes.mean(kind).toSeconds() - elapsed);
        }
        JobView.ResultView result = job.result == null ? null : new JobView.ResultView(job.result.contentType,
                job.result.width, job.result.height, job.result.durationSeconds, job.result.provider, self + "/result",
                job.result.adjustments == null ? null : job.result.adjustments.stream()
                        .map(a -> new JobView.AdjustmentView(a.provider, a.what, a.from, a.to)).toList());
        JobView.ErrorView error = job.error == null ? null : new JobView.ErrorView(job.error.code, job.error.message);
        return new JobView(job.id, kind, status, position, eta, job.progress, job.tier, job.provider, job.cached,
                job.createdAt, job.startedAt, job.completedAt, error, result,
                new JobView.Links(self, self + "/events", status.terminal() ? null : self,
                        result == null ? null : result.url()), null, job.expiredAt, deferredUntil);
    }

    /** The view in the owner's own history: with the prompt, which other views never carry. */
    public JobView ofOwned(Job job) {
        return of(job).withPrompt(job.params == null ? null : personalData.show(PersonalData.PROMPT, job.params.prompt));
    }

    /**
     * ETA = ceil(position / concurrency) × recent mean service time of the kind, the concurrency being
     * the workers of every live backend ({@link Workforce}; docs/GENERATION.md).
     */
    public long etaSeconds(JobKind kind, long position) {
        int concurrency = workforce.total();
        long rounds = (position + concurrency - 1) / concurrency;
        double mean = serviceTimes.mean(kind).toMillis() / 1000.0;
        return (long) Math.ceil(rounds * mean);
    }
}
