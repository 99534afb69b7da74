package ai.aiart.generation.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import ai.aiart.generation.Job;
import ai.aiart.core.JobKind;
import ai.aiart.generation.SubmissionRules;
import ai.aiart.generation.repository.JobRepository;
import ai.aiart.generation.repository.ResultStore;
import ai.aiart.generation.repository.UploadStore;
import ai.aiart.privacy.PersonalData;
import ai.aiart.provider.GeneratedMedia;
import ai.aiart.provider.GenerationRequest;
import ai.aiart.provider.ImageProvider;
import ai.aiart.provider.MediaFiles;
import ai.aiart.provider.ProviderChain;
import ai.aiart.provider.ProviderException;
import ai.aiart.provider.upstream.InputFitting;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.logging.Log;

/**
 * Makes one claimed job: tries the kind's providers in order and records the outcome. Once the
 * outcome is recorded (and only then: a job canceled or taken over meanwhile is not this
 * worker's to end) the job's upload is deleted, since nothing will read it again. A job past its
 * first attempt also drops the result files earlier attempts left (two store commands, only then).
 */
@ApplicationScoped
public class JobRunner {

    private final JobRepository jobs;
    private final ResultStore results;
    private final UploadStore uploads;
    private final ProviderChain providers;
    private final ServiceTimes serviceTimes;
    private final Clock clock;
    private final MeterRegistry meters;
    private final PersonalData personalData;
    private final InputFitting fitting;
    private final SubmissionRules rules;

    public JobRunner(JobRepository jobs, ResultStore results, UploadStore uploads, ProviderChain providers,
            ServiceTimes serviceTimes, Clock clock, MeterRegistry meters, PersonalData personalData, InputFitting fitting,
            SubmissionRules rules) {
        this.rules = rules;
        this.fitting = fitting;
        this.personalData = personalData;
        this.meters = meters;
        this.jobs = jobs;
        this.results = results;
        this.uploads = uploads;
        this.providers = providers;
        this.serviceTimes = serviceTimes;
        this.clock = clock;
    }

    public void run(Job job, String worker) {
        GenerationRequest.InputImage input = null;
        try {
            if (job.params.input != null) {
                Job.JobInput stored = job.params.input;
                Optional<java.nio.file.Path> file = uploads.copyToTempFile(stored.fileId, ".upload");
                if (file.isEmpty()) {
                    results.deleteAll(job.earlierAttemptFileIds());
                    jobs.fail(job.id, worker, new Job.JobError("input_missing",
                            "The uploaded picture is no longer available. Please upload it again."), null, Instant.now(clock));
                    return;
                }
                input = new GenerationRequest.InputImage(file.get(), stored.contentType, stored.width, stored.height);
            }
            run(job, worker, input);
        } finally {
            if (input != null) {
                MediaFiles.deleteQuietly(input.file());
            }
        }
    }

    private void run(Job job, String worker, GenerationRequest.InputImage input) {
        JobKind kind = job.jobKind();
        Job.JobParams params = job.params;
        // the submission the job was made from, as the rules accepted it: the providers read it as it is
        GenerationRequest request = new GenerationRequest(job.id, rules.fromJob(job,
                personalData.open(PersonalData.PROMPT, params.prompt),
                personalData.open(PersonalData.NEGATIVE_PROMPT, params.negativePrompt)), params.width, params.height, input);
        Instant started = Instant.now(clock);
        List<ImageProvider> chain = providers.forKind(kind);
        ProviderException last = null;
        String lastProvider = null;
        for (ImageProvider provider : chain) {
            lastProvider = provider.name();
            if (Thread.currentThread().isInterrupted()) {
                return; // canceled
            }
            Timer.Sample attempt = Timer.start(meters);
            GeneratedMedia media;
            InputFitting.Fitted fitted = null;
            try {
                // each provider gets the request fitted to its own limits, from the upload as it came
                fitted = fitting.fit(provider, request);
                media = provider.generate(fitted.request(), p -> jobs.reportProgress(job.id, worker, p));
                attempt.stop(latency(provider, kind, "success"));
            } catch (ProviderException e) {
                attempt.stop(latency(provider, kind, e.refusal() ? "refused" : "failure"));
                last = e;
                if (e.refusal()) {
                    break;
                }
                Log.warnf("Job %s: provider %s failed (%s); trying the next one", job.id, provider.name(), e.getMessage());
                continue;
            } catch (RuntimeException e) {
                attempt.stop(latency(provider, kind, "failure"));
                if (Thread.currentThread().isInterrupted()) {
                    return;
                }
                Log.errorf(e, "Job %s: provider %s failed unexpectedly", job.id, provider.name());
                last = new ProviderException("provider_error", "The picture could not be made.", false, e);
                continue;
            } finally {
                if (fitted != null) {
                    fitted.cleanUp();
                }
            }
            // a store failure here is not the provider's: it leaves the job to the reaper, which requeues it
            if (store(job, worker, provider.name(), media, fitted.adjustments())) {
                completed(kind, "succeeded", provider.name());
                uploads.deleteFor(job);
            }
            serviceTimes.record(kind, Duration.between(started, Instant.now(clock)));
            return;
        }
        Job.JobError error = last == null
                ? new Job.JobError("no_provider", "No generator can make " + kind.wire() + " right now.")
                : new Job.JobError(last.code(), last.getMessage());
        results.deleteAll(job.earlierAttemptFileIds());
        // the provider that refused, or the last one tried
        if (jobs.fail(job.id, worker, error, lastProvider, Instant.now(clock))) {
            completed(kind, "failed", lastProvider == null ? "none" : lastProvider);
            uploads.deleteFor(job);
        }
    }

    private Timer latency(ImageProvider provider, JobKind kind, String outcome) {
        return meters.timer("aiart.provider.latency", "provider", provider.name(), "kind", kind.wire(), "outcome", outcome);
    }

    private void completed(JobKind kind, String status, String provider) {
        meters.counter("aiart.jobs.completed", "kind", kind.wire(), "status", status, "provider", provider).increment();
    }

    /** Stores the result; false when the job was canceled or taken over meanwhile. */
    private boolean store(Job job, String worker, String provider, GeneratedMedia media,
            List<InputFitting.Adjustment> adjustments) {
        String fileId = job.attemptFileId();
        long size;
        try {
            size = results.save(fileId, media.contentType(), media.file());
        } finally {
            MediaFiles.deleteQuietly(media.file());
        }
        Job.JobResult result = new Job.JobResult();
        result.contentType = media.contentType();
        result.width = media.width();
        result.height = media.height();
        result.durationSeconds = media.durationSeconds();
        result.provider = provider;
        result.fileId = fileId;
        result.size = size;
        result.adjustments = adjustments.isEmpty() ? null : adjustments.stream()
                .map(a -> new Job.Adjustment(provider, a.what(), a.from(), a.to())).toList();
        // before the job shows as ended: what a killed earlier attempt stored is never shown
        results.deleteAll(job.earlierAttemptFileIds());
        if (!jobs.succeed(job.id, worker, result, Instant.now(clock))) {
            Log.infof("Job %s was canceled or taken over while being made; its result is discarded", job.id);
            results.delete(fileId);
            return false;
        }
        return true;
    }
}
