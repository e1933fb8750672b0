package io.trailhound.aws.s3;

import io.trailhound.aws.AwsSettings;
import io.trailhound.core.ingest.BadRecord;
import io.trailhound.core.ingest.InputFeed;
import io.trailhound.core.ingest.InputFinder;
import io.trailhound.core.ingest.InputSource;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The inputs a scan names: local paths (found as always) and {@code s3://} locations (listed by
 * the trail layout), in the order given, as one {@link InputFinder.Found} for the one reading path.
 * The S3 client is made only when an s3:// location is named.
 */
public final class TrailSources implements AutoCloseable {
    private final AwsSettings settings;
    private final int listThreads;
    private final S3RequestPath path;
    private S3Client s3;
    private TrailLister lister;

    public TrailSources(AwsSettings settings, int listThreads) {
        this(settings, listThreads, false);
    }

    /**
     * @param sdkPipeline list and GET through the SDK's own calls rather than {@link S3Http}'s
     *     requests: the bench's yardstick for what those save
     */
    public TrailSources(AwsSettings settings, int listThreads, boolean sdkPipeline) {
        this(settings, listThreads, S3RequestPath.of(sdkPipeline));
    }

    /** @param path how list and GET calls are sent (the bench compares the ways) */
    public TrailSources(AwsSettings settings, int listThreads, S3RequestPath path) {
        this.settings = settings;
        this.listThreads = listThreads;
        this.path = path;
    }

    /**
     * Reader threads for a scan that names s3:// locations and no thread count: reading objects
     * waits on the network more than on the cores, so more readers, each still holding one record.
     */
    public static int readThreads(int cores) {
        return Math.max(8, 2 * cores);
    }

    public static boolean anyS3(List<String> args) {
        return args.stream().anyMatch(S3Location::isS3);
    }

    public InputFinder.Found find(List<String> args, TrailKeyFilter filter) {
        List<InputSource> inputs = new ArrayList<>();
        List<BadRecord> unreadable = new ArrayList<>();
        InputFinder local = new InputFinder();
        for (String arg : args) {
            InputFinder.Found f = S3Location.isS3(arg)
                    ? new S3Inputs(client(), path).find(List.of(S3Location.parse(arg)), filter, lister)
                    : local.find(List.of(arg));
            inputs.addAll(f.inputs());
            unreadable.addAll(f.unreadable());
        }
        return new InputFinder.Found(inputs, unreadable);
    }

    /**
     * As {@link #find}, with each s3:// location's objects handed to the reading while it is still
     * listed (all locations start listing now, the first served first); local paths are found now,
     * as {@link #find} finds them, and their unreadable ones are reported before anything is read.
     */
    public InputFeed feed(List<String> args, TrailKeyFilter filter) {
        List<InputFeed> parts = new ArrayList<>();
        InputFinder local = new InputFinder();
        for (String arg : args) {
            parts.add(S3Location.isS3(arg)
                    ? new S3Inputs(client(), path).feed(S3Location.parse(arg), filter, lister)
                    : InputFeed.of(local.find(List.of(arg))));
        }
        return InputFeed.concat(parts);
    }

    private S3Client client() {
        if (s3 == null) {
            s3 = S3Clients.create(settings);
            lister = new TrailLister(s3, listThreads, path);
        }
        return s3;
    }

    /** What the listing did, for the run's notes; null when nothing was listed. */
    public String listingNote() {
        if (lister == null) {
            return null;
        }
        return "s3: " + lister.listedPrefixes().size() + " prefixes listed in " + lister.listCalls() + " calls"
                + (lister.outsideLayout() > 0 ? "; " + lister.outsideLayout()
                + " objects outside the trail layout left out (a filter was given and their keys carry no account, region or date)"
                : "");
    }

    @Override
    public void close() {
        if (s3 != null) {
            s3.close();
        }
    }
}
