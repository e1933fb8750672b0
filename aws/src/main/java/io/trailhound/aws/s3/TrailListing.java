package io.trailhound.aws.s3;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One location's listing while it runs: the prefixes listed so far as a tree (each node's objects
 * and sub-prefixes in key order, pages appended as they come), walked depth first by the readers.
 * An object comes out once every key before it is known, so the order is the listing's key order
 * whatever order the parallel listers finish in, and a reader waits only for the page it needs
 * next. After a failure nothing more comes out: the listing ends, and {@link #failure} says why.
 */
public final class TrailListing {
    /** A listed (or to be listed) prefix: its objects and sub-prefixes, merged in key order. */
    static final class Node {
        private final String prefix;
        private List<Object> children = new ArrayList<>();
        private boolean complete;

        private Node(String prefix) {
            this.prefix = prefix;
        }

        String prefix() {
            return prefix;
        }
    }

    /** Where the walk is in a node: the index of its next child. */
    private static final class Frame {
        final Node node;
        int next;

        Frame(Node node) {
            this.node = node;
        }
    }

    private final Object lock = new Object();
    private final Node root;
    private final Deque<Frame> walk = new ArrayDeque<>();
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicInteger found = new AtomicInteger();
    private final AtomicLong bytes = new AtomicLong();
    private volatile RuntimeException failure;

    /** @param listed false when the filter leaves the whole location out: nothing to list */
    TrailListing(String rootPrefix, boolean listed) {
        root = newNode(rootPrefix);
        if (listed) {
            walk.push(new Frame(root));
        } else {
            root.complete = true;
            open.decrementAndGet();
        }
    }

    Node root() {
        return root;
    }

    /** A prefix about to be listed: the listing is not complete before it is. */
    Node newNode(String prefix) {
        open.incrementAndGet();
        return new Node(prefix);
    }

    /** A page of {@code node}: its objects taken and its sub-prefixes to list, each in key order. */
    void add(Node node, List<S3Object> objects, List<Node> below, boolean last) {
        List<Object> merged = new ArrayList<>(objects.size() + below.size());
        int i = 0;
        int j = 0;
        while (i < objects.size() || j < below.size()) {
            boolean object = j == below.size()
                    || i < objects.size() && compareKeys(objects.get(i).key(), below.get(j).prefix) < 0;
            merged.add(object ? objects.get(i++) : below.get(j++));
        }
        long size = 0;
        for (S3Object o : objects) {
            size += Math.max(0, o.size());
        }
        found.addAndGet(objects.size());
        bytes.addAndGet(size);
        synchronized (lock) {
            if (node.children != null) {
                node.children.addAll(merged);
            }
            if (last) {
                node.complete = true;
                open.decrementAndGet();
            }
            lock.notifyAll();
        }
    }

    /** Ends the listing with {@code e} (the first failure is kept). */
    void fail(RuntimeException e) {
        synchronized (lock) {
            if (failure == null) {
                failure = e;
            }
            lock.notifyAll();
        }
    }

    /**
     * The next object in key order, or null when the listing is over (complete, or failed). When it
     * is not known yet, {@code beforeWaiting} runs once, outside the lock, and the call waits.
     */
    public S3Object next(Runnable beforeWaiting) throws InterruptedException {
        boolean told = false;
        while (true) {
            synchronized (lock) {
                while (failure == null && !walk.isEmpty()) {
                    Frame f = walk.peek();
                    if (f.next < f.node.children.size()) {
                        Object child = f.node.children.get(f.next++);
                        if (child instanceof S3Object o) {
                            return o;
                        }
                        walk.push(new Frame((Node) child));
                    } else if (f.node.complete) {
                        f.node.children = null; // walked: what it held can go
                        walk.pop();
                    } else if (told) {
                        lock.wait();
                    } else {
                        break;
                    }
                }
                if (failure != null || walk.isEmpty()) {
                    return null;
                }
            }
            beforeWaiting.run();
            told = true;
        }
    }

    /** Why the listing ended early, or null. */
    public RuntimeException failure() {
        return failure;
    }

    /** Objects found so far. */
    public int found() {
        return found.get();
    }

    /** Their sizes added up. */
    public long bytesFound() {
        return bytes.get();
    }

    /** True once every prefix is listed, or the listing failed. */
    public boolean complete() {
        return open.get() == 0 || failure != null;
    }

    /** S3's order: keys compared by code point (as their UTF-8 bytes), not by UTF-16 unit. */
    static int compareKeys(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }
}
