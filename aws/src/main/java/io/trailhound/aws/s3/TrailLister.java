package io.trailhound.aws.s3;

import io.trailhound.aws.AwsErrors.AwsCallException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Phaser;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;

/**
 * Lists the log objects under an {@code s3://} location one delimiter level at a time, deciding
 * at each level which prefixes to go into ({@link TrailLayout}): an account, region or day the
 * filter leaves out is never listed. Prefixes are listed in parallel (an organisation trail has
 * accounts x regions x days of them); the objects come back in key order.
 */
public final class TrailLister {
    private final S3Client s3;
    private final int parallel;
    private final Set<String> listed = ConcurrentHashMap.newKeySet();
    private final AtomicLong listCalls = new AtomicLong();
    private final AtomicLong outsideLayout = new AtomicLong();

    public TrailLister(S3Client s3, int parallel) {
        this.s3 = s3;
        this.parallel = Math.max(1, parallel);
    }

    /** Every log object under {@code where} the filter wants, in key order. */
    public List<S3Object> list(S3Location where, TrailKeyFilter filter) {
        ConcurrentLinkedQueue<S3Object> found = new ConcurrentLinkedQueue<>();
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        ExecutorService pool = Executors.newFixedThreadPool(parallel, r -> {
            Thread t = new Thread(r, "trailhound-s3-list");
            t.setDaemon(true);
            return t;
        });
        Phaser pending = new Phaser(1);
        try {
            String root = where.prefix();
            boolean rootIsFolder = root.isEmpty() || root.endsWith("/");
            TrailLayout.Decision first = rootIsFolder ? TrailLayout.decide(root, filter) : TrailLayout.Decision.WALK;
            if (first != TrailLayout.Decision.SKIP) {
                submit(pool, pending, failure, () -> level(pool, pending, failure, where.bucket(), root,
                        first == TrailLayout.Decision.DAY, filter, found, root));
            }
            pending.arriveAndAwaitAdvance();
        } finally {
            pool.shutdownNow();
        }
        if (failure.get() != null) {
            throw failure.get();
        }
        List<S3Object> out = new ArrayList<>(found);
        out.sort(Comparator.comparing(S3Object::key));
        return out;
    }

    private void submit(ExecutorService pool, Phaser pending, AtomicReference<RuntimeException> failure, Runnable task) {
        pending.register();
        pool.execute(() -> {
            try {
                if (failure.get() == null) {
                    task.run();
                }
            } catch (RuntimeException e) {
                failure.compareAndSet(null, e);
            } finally {
                pending.arriveAndDeregister();
            }
        });
    }

    /** Lists one level: its objects are taken or not, its sub-prefixes decided and listed in turn. */
    private void level(ExecutorService pool, Phaser pending, AtomicReference<RuntimeException> failure, String bucket,
                       String prefix, boolean dayFolder, TrailKeyFilter filter, ConcurrentLinkedQueue<S3Object> found,
                       String named) {
        listed.add(prefix);
        String token = null;
        do {
            ListObjectsV2Response page;
            try {
                listCalls.incrementAndGet();
                page = s3.listObjectsV2(ListObjectsV2Request.builder().bucket(bucket).prefix(prefix).delimiter("/")
                        .continuationToken(token).build());
            } catch (SdkException e) {
                throw new AwsCallException("s3:ListBucket (ListObjectsV2)", S3Location.url(bucket, prefix), e);
            }
            for (software.amazon.awssdk.services.s3.model.S3Object o : page.contents()) {
                if (o.key().endsWith("/")) {
                    continue; // a folder marker, not a file
                }
                boolean take = o.key().equals(named) || (dayFolder ? !hidden(o.key()) : TrailLayout.readOutsideDayFolder(o.key(), filter));
                if (take) {
                    found.add(new S3Object(bucket, o.key(), S3Object.bareEtag(o.eTag()), o.size() == null ? -1 : o.size(),
                            o.lastModified()));
                } else if (!dayFolder) {
                    outsideLayout.incrementAndGet();
                }
            }
            for (CommonPrefix cp : page.commonPrefixes()) {
                TrailLayout.Decision d = TrailLayout.decide(cp.prefix(), filter);
                if (d != TrailLayout.Decision.SKIP) {
                    submit(pool, pending, failure, () -> level(pool, pending, failure, bucket, cp.prefix(),
                            d == TrailLayout.Decision.DAY, filter, found, named));
                }
            }
            token = Boolean.TRUE.equals(page.isTruncated()) ? page.nextContinuationToken() : null;
        } while (token != null);
    }

    private static boolean hidden(String key) {
        return key.substring(key.lastIndexOf('/') + 1).startsWith(".");
    }

    /** Every prefix listed so far (for tests and the run's summary: what was not skipped). */
    public Set<String> listedPrefixes() {
        return Set.copyOf(listed);
    }

    public long listCalls() {
        return listCalls.get();
    }

    /** Objects seen outside day folders and left out because a filter was given (their keys carry no date or account). */
    public long outsideLayout() {
        return outsideLayout.get();
    }
}
