package io.trailhound.aws.s3;

import io.trailhound.aws.AwsErrors.AwsCallException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.PriorityBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Lists the log objects under an {@code s3://} location one delimiter level at a time, deciding
 * at each level which prefixes to go into ({@link TrailLayout}): an account, region or day the
 * filter leaves out is never listed. Prefixes are listed in parallel (an organisation trail has
 * accounts x regions x days of them), the lowest key first, and the objects come out in key order
 * as soon as every key before them is known ({@link TrailListing}), so reading can start with the
 * first page of the first day. Pages are fetched and read by {@link ListPage}, without the SDK's
 * per-call pipeline and model.
 */
public final class TrailLister {
    private final S3Http s3;
    private final ThreadPoolExecutor pool;
    private final Set<String> listed = ConcurrentHashMap.newKeySet();
    private final AtomicLong listCalls = new AtomicLong();
    private final AtomicLong outsideLayout = new AtomicLong();
    private final AtomicLong listings = new AtomicLong();
    private final int maxKeys;

    public TrailLister(S3Client s3, int parallel) {
        this(s3, parallel, false);
    }

    /** @param sdkPipeline every page through the SDK's ListObjectsV2 (the bench compares both ways) */
    public TrailLister(S3Client s3, int parallel, boolean sdkPipeline) {
        this(s3, parallel, sdkPipeline, 0);
    }

    /** @param maxKeys keys a page holds at most (0: S3's 1,000); tests list in many small pages */
    TrailLister(S3Client s3, int parallel, boolean sdkPipeline, int maxKeys) {
        this(s3, parallel, S3RequestPath.of(sdkPipeline), maxKeys);
    }

    /** @param path how listing pages are asked for (the bench compares the ways) */
    public TrailLister(S3Client s3, int parallel, S3RequestPath path) {
        this(s3, parallel, path, 0);
    }

    private TrailLister(S3Client s3, int parallel, S3RequestPath path, int maxKeys) {
        this.s3 = S3Http.of(s3, path);
        this.maxKeys = maxKeys;
        int threads = Math.max(1, parallel);
        // Shared by every listing of this lister; idle threads end, so an unclosed lister holds none.
        this.pool = new ThreadPoolExecutor(threads, threads, 1, TimeUnit.SECONDS, new PriorityBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "trailhound-s3-list");
            t.setDaemon(true);
            return t;
        });
        pool.allowCoreThreadTimeOut(true);
    }

    /** Every log object under {@code where} the filter wants, in key order; the first failure to list is thrown. */
    public List<S3Object> list(S3Location where, TrailKeyFilter filter) {
        TrailListing listing = start(where, filter);
        List<S3Object> out = new ArrayList<>();
        try {
            for (S3Object o; (o = listing.next(() -> { })) != null; ) {
                out.add(o);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            listing.fail(new IllegalStateException("interrupted while listing " + where, e));
        }
        if (listing.failure() != null) {
            throw listing.failure();
        }
        return out;
    }

    /**
     * Starts listing {@code where}: its objects come out of the listing as they are found, in key
     * order. Listings started earlier are served first.
     */
    public TrailListing start(S3Location where, TrailKeyFilter filter) {
        long order = listings.getAndIncrement();
        String root = where.prefix();
        boolean rootIsFolder = root.isEmpty() || root.endsWith("/");
        TrailLayout.Decision first = rootIsFolder ? TrailLayout.decide(root, filter) : TrailLayout.Decision.WALK;
        TrailListing listing = new TrailListing(root, first != TrailLayout.Decision.SKIP);
        if (first != TrailLayout.Decision.SKIP) {
            submit(new Level(order, listing, listing.root(), where.bucket(), first, filter, root));
        }
        return listing;
    }

    private void submit(Level level) {
        pool.execute(level);
    }

    /** One prefix to list; the queue takes the earliest listing's lowest prefix first (what the reading needs next). */
    private final class Level implements Runnable, Comparable<Level> {
        private final long order;
        private final TrailListing listing;
        private final TrailListing.Node node;
        private final String bucket;
        /** WALK, DAY (a day folder: its objects are log files) or FLAT (everything below in one listing) */
        private final TrailLayout.Decision kind;
        private final TrailKeyFilter filter;
        private final String named;

        Level(long order, TrailListing listing, TrailListing.Node node, String bucket, TrailLayout.Decision kind,
              TrailKeyFilter filter, String named) {
            this.order = order;
            this.listing = listing;
            this.node = node;
            this.bucket = bucket;
            this.kind = kind;
            this.filter = filter;
            this.named = named;
        }

        @Override
        public int compareTo(Level o) {
            int c = Long.compare(order, o.order);
            return c != 0 ? c : TrailListing.compareKeys(node.prefix(), o.node.prefix());
        }

        @Override
        public void run() {
            try {
                if (listing.failure() == null) {
                    list();
                }
            } catch (RuntimeException e) {
                listing.fail(e);
            }
        }

        /**
         * Lists the level: its objects are taken or not, its sub-prefixes decided and listed in turn;
         * a FLAT level lists every key below it, each decided by its folder as a walk would have.
         */
        private void list() {
            String prefix = node.prefix();
            listed.add(prefix);
            boolean flat = kind == TrailLayout.Decision.FLAT;
            String folder = null; // in a flat listing, the last key's folder and what the layout says of it
            TrailLayout.Decision folderKind = kind;
            String token = null;
            do {
                ListPage page;
                try {
                    listCalls.incrementAndGet();
                    page = ListPage.fetch(s3, bucket, prefix, flat ? null : "/", token, maxKeys);
                } catch (SdkException e) {
                    throw new AwsCallException("s3:ListBucket (ListObjectsV2)", S3Location.url(bucket, prefix), e);
                }
                List<S3Object> taken = new ArrayList<>(page.objects().size());
                for (S3Object o : page.objects()) {
                    String key = o.key();
                    if (key.endsWith("/")) {
                        continue; // a folder marker, not a file
                    }
                    int slash = key.lastIndexOf('/');
                    if (flat && (folder == null || folder.length() != slash + 1 || !key.startsWith(folder))) {
                        folder = key.substring(0, slash + 1); // keys come sorted: the folder changes a few times a page
                        folderKind = TrailLayout.decide(folder, filter);
                    }
                    if (folderKind == TrailLayout.Decision.SKIP) {
                        continue; // below a folder a walk would not have gone into (hidden, or not in the layout)
                    }
                    boolean day = folderKind == TrailLayout.Decision.DAY;
                    boolean take = key.equals(named) || (day ? !hidden(key) : TrailLayout.readOutsideDayFolder(key, filter));
                    if (take) {
                        taken.add(o);
                    } else if (!day) {
                        outsideLayout.incrementAndGet();
                    }
                }
                List<Level> below = new ArrayList<>();
                for (String sub : page.prefixes()) {
                    TrailLayout.Decision d = TrailLayout.decide(sub, filter);
                    if (d != TrailLayout.Decision.SKIP) {
                        below.add(new Level(order, listing, listing.newNode(sub), bucket, d, filter, named));
                    }
                }
                token = page.nextToken();
                listing.add(node, taken, below.stream().map(l -> l.node).toList(), token == null);
                below.forEach(TrailLister.this::submit);
            } while (token != null && listing.failure() == null);
        }
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
