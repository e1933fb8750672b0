package io.trailhound.core.ingest;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The inputs of a run, handed to the reading threads as they are found: a listing still in
 * progress (S3 pages arriving) lets reading start with its first object instead of after its last,
 * and a list found beforehand ({@link #of}) is the same thing with nothing left to wait for. Inputs
 * are handed out in the feed's order, one to each call, from any number of threads.
 */
public interface InputFeed {
    /**
     * The next input in the feed's order, or null when there are no more. Inputs found unreadable on
     * the way (a prefix that could not be listed) go to {@code unreadable} first. When the next input
     * is not known yet, {@code beforeWaiting} runs once (outside any lock of the feed: a reader hands
     * on what it holds) and the call waits for it.
     */
    InputSource next(Consumer<BadRecord> unreadable, Runnable beforeWaiting) throws InterruptedException;

    /** Paths found unreadable before reading starts (quarantined before anything is read). */
    List<BadRecord> unreadable();

    /** Inputs found so far, handed out or not. */
    int found();

    /** Their stored sizes added up; -1 when one is unknown. */
    long bytesFound();

    /** True once nothing more will be found: {@link #found()} is the total. */
    boolean complete();

    /** The inputs of {@code found}, in its order. */
    static InputFeed of(InputFinder.Found found) {
        return new ListFeed(found.inputs(), found.unreadable());
    }

    /** The inputs of {@code parts}, each part's after the one before (their unreadable paths all first). */
    static InputFeed concat(List<InputFeed> parts) {
        return parts.size() == 1 ? parts.get(0) : new Sequence(parts);
    }

    /** Feeds one after another: a part is left when it has no more, whichever reader finds that out. */
    final class Sequence implements InputFeed {
        private final List<InputFeed> parts;
        private final AtomicInteger current = new AtomicInteger();

        Sequence(List<InputFeed> parts) {
            this.parts = List.copyOf(parts);
        }

        @Override
        public InputSource next(Consumer<BadRecord> unreadable, Runnable beforeWaiting) throws InterruptedException {
            for (int i; (i = current.get()) < parts.size(); ) {
                InputSource in = parts.get(i).next(unreadable, beforeWaiting);
                if (in != null) {
                    return in;
                }
                current.compareAndSet(i, i + 1);
            }
            return null;
        }

        @Override
        public List<BadRecord> unreadable() {
            return parts.stream().flatMap(p -> p.unreadable().stream()).toList();
        }

        @Override
        public int found() {
            return parts.stream().mapToInt(InputFeed::found).sum();
        }

        @Override
        public long bytesFound() {
            long total = 0;
            for (InputFeed p : parts) {
                long b = p.bytesFound();
                if (b < 0) {
                    return -1;
                }
                total += b;
            }
            return total;
        }

        @Override
        public boolean complete() {
            return parts.stream().allMatch(InputFeed::complete);
        }
    }

    /** A list found beforehand: never waits. */
    final class ListFeed implements InputFeed {
        private final List<InputSource> inputs;
        private final List<BadRecord> unreadable;
        private final AtomicInteger next = new AtomicInteger();
        private final long bytes;

        ListFeed(List<InputSource> inputs, List<BadRecord> unreadable) {
            this.inputs = inputs;
            this.unreadable = unreadable;
            long total = 0;
            for (InputSource in : inputs) {
                total = in.size() < 0 || total < 0 ? -1 : total + in.size();
            }
            this.bytes = total;
        }

        @Override
        public InputSource next(Consumer<BadRecord> unreadable, Runnable beforeWaiting) {
            int i = next.getAndIncrement();
            return i < inputs.size() ? inputs.get(i) : null;
        }

        @Override
        public List<BadRecord> unreadable() {
            return unreadable;
        }

        @Override
        public int found() {
            return inputs.size();
        }

        @Override
        public long bytesFound() {
            return bytes;
        }

        @Override
        public boolean complete() {
            return true;
        }
    }
}
