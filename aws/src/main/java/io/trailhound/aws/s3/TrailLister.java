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

/**
 * Lists the log objects under an {@code s3://} location one delimiter level at a time, deciding
 * at each level which prefixes to go into ({@link TrailLayout}): an account, region or day the
 * filter leaves out is never listed. Prefixes are listed in parallel (an organisation trail has
 * accounts x regions x days of them); the objects come back in key order. Pages are fetched and
 * read by {@link ListPage}, without the SDK's per-call pipeline and model.
 */
public final class TrailLister {
    private final S3Http s3;
    private final int parallel;
    private final Set<String> listed = ConcurrentHashMap.newKeySet();
    private final AtomicLong listCalls = new AtomicLong();
    private final AtomicLong outsideLayout = new AtomicLong();

    public TrailLister(S3Client s3, int parallel) {
        this(s3, parallel, false);
    }

    /** @param sdkPipeline every page through the SDK's ListObjectsV2 (the bench compares both ways) */
    public TrailLister(S3Client s3, int parallel, boolean sdkPipeline) {
        this.s3 = S3Http.of(s3, sdkPipeline);
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
            ListPage page;
            try {
                listCalls.incrementAndGet();
                page = ListPage.fetch(s3, bucket, prefix, "/", token);
            } catch (SdkException e) {
                throw new AwsCallException("s3:ListBucket (ListObjectsV2)", S3Location.url(bucket, prefix), e);
            }
            for (S3Object o : page.objects()) {
                if (o.key().endsWith("/")) {
                    continue; // a folder marker, not a file
                }
                boolean take = o.key().equals(named) || (dayFolder ? !hidden(o.key()) : TrailLayout.readOutsideDayFolder(o.key(), filter));
                if (take) {
                    found.add(o);
                } else if (!dayFolder) {
                    outsideLayout.incrementAndGet();
                }
            }
            for (String sub : page.prefixes()) {
                TrailLayout.Decision d = TrailLayout.decide(sub, filter);
                if (d != TrailLayout.Decision.SKIP) {
                    submit(pool, pending, failure, () -> level(pool, pending, failure, bucket, sub,
                            d == TrailLayout.Decision.DAY, filter, found, named));
                }
            }
            token = page.nextToken();
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
