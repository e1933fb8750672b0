package io.trailhound.aws.s3;

import io.trailhound.core.event.SourcePosition;
import io.trailhound.core.ingest.BadRecord;
import io.trailhound.core.ingest.InputFeed;
import io.trailhound.core.ingest.InputFinder;
import io.trailhound.core.ingest.InputSource;
import io.trailhound.core.ingest.QuarantineReason;
import io.trailhound.aws.AwsErrors.AwsCallException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * S3 objects as inputs of the one reading path ({@link InputSource#stream}): each is opened by a
 * reading thread when its turn comes and streamed through the same decoder, limits and quarantine
 * as a file. What went wrong opening an object is remembered per object, so a host can tell an
 * object gone since listing (counted, nothing to retry) from a failure worth retrying.
 */
public final class S3Inputs {
    /** Why an object was not read. */
    public enum Failure { GONE, TRANSIENT, PERMANENT }

    private final S3Get s3;
    private final Map<String, Failure> failures = new ConcurrentHashMap<>();

    public S3Inputs(S3Client s3) {
        this(s3, false);
    }

    /** @param sdkPipeline every GET through the SDK's GetObject (the bench compares both ways) */
    public S3Inputs(S3Client s3, boolean sdkPipeline) {
        this(s3, S3RequestPath.of(sdkPipeline));
    }

    /** @param path how GETs are sent (the bench compares the ways) */
    public S3Inputs(S3Client s3, S3RequestPath path) {
        this.s3 = S3Get.of(s3, path);
    }

    /** Lists each location and turns its objects into inputs; a location that cannot be listed is reported unreadable. */
    public InputFinder.Found find(List<S3Location> locations, TrailKeyFilter filter, TrailLister lister) {
        List<InputSource> inputs = new ArrayList<>();
        List<BadRecord> unreadable = new ArrayList<>();
        for (S3Location where : locations) {
            try {
                for (S3Object o : lister.list(where, filter)) {
                    inputs.add(input(o, !o.key().equals(where.prefix())));
                }
            } catch (AwsCallException e) {
                unreadable.add(unlisted(where, e));
            }
        }
        return new InputFinder.Found(inputs, unreadable);
    }

    /**
     * Starts listing {@code where} and hands its objects to the reading as they are found, in key
     * order (see {@link ListingFeed}).
     */
    public InputFeed feed(S3Location where, TrailKeyFilter filter, TrailLister lister) {
        return new ListingFeed(where, lister.start(where, filter), this);
    }

    /** A location that could not be listed, as the quarantine keeps it. */
    static BadRecord unlisted(S3Location where, RuntimeException e) {
        return new BadRecord(QuarantineReason.UNREADABLE, new SourcePosition(where.toString(), 0, 0), e.getMessage(), null, false);
    }

    /**
     * The object at {@code key} with its ETag, size and time, asked of S3 (HeadObject) for a
     * notification that names no ETag (CloudTrail's own).
     *
     * @throws software.amazon.awssdk.core.exception.SdkException as the SDK's HeadObject would
     */
    public S3Object describe(String bucket, String key) {
        return s3.head(bucket, key);
    }

    /** One object as an input; {@code listed}: found under a prefix (non-JSON is skipped, not quarantined). */
    public InputSource input(S3Object o, boolean listed) {
        return InputSource.stream(o.url(), o.size(), o.identity(), listed, () -> open(o));
    }

    private InputStream open(S3Object o) throws IOException {
        try {
            return new java.io.FilterInputStream(S3ObjectStream.open(s3, o)) {
                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    try {
                        return super.read(b, off, len);
                    } catch (S3ObjectStream.ObjectReadException e) {
                        failures.put(o.url(), Failure.TRANSIENT); // lost in the middle, resumes used up: worth another try
                        throw e;
                    }
                }
            };
        } catch (S3ObjectStream.ObjectGoneException e) {
            failures.put(o.url(), Failure.GONE);
            throw e;
        } catch (S3ObjectStream.ObjectReadException e) {
            failures.put(o.url(), e.transientFailure() ? Failure.TRANSIENT : Failure.PERMANENT);
            throw e;
        }
    }

    /** Why the object at {@code url} was not opened, or null when it was (or was not tried). */
    public Failure failure(String url) {
        return failures.get(url);
    }

    public long gone() {
        return failures.values().stream().filter(f -> f == Failure.GONE).count();
    }
}
