package io.trailhound.core.ingest;

/**
 * The eventIDs seen in a run, for dropping the second copy of an event that overlapping exports
 * deliver twice. CloudTrail eventIDs are UUIDs, kept exactly as their 128 bits in an
 * open-addressing table of longs (16 bytes a slot, at most 2/3 full: about 24-48 bytes per event,
 * against some 150 for a HashSet of strings). Other IDs are kept as a 128-bit hash of the text.
 *
 * <p>Past {@link #HEAP_SLOTS} slots (some 700,000 events) the table moves out of the Java heap
 * into a memory-mapped temporary file (deleted at once; the mapping stays), so the heap a scan
 * needs does not grow with the number of events: the operating system keeps the pages in memory
 * while it can and writes them to the file when it cannot.
 */
public final class EventIdSet {
    /** Slots kept on the Java heap before the table moves to a mapped file. */
    static final int HEAP_SLOTS = 1 << 20;

    private LongTable slots = new HeapTable(2 * 1024);
    private long size;
    private boolean hasZero;

    /** Adds the ID; false when it was already present (a duplicate). */
    public boolean add(String eventId) {
        long[] key = new long[2];
        keyOf(eventId, key, 0);
        return add(key[0], key[1]);
    }

    /**
     * The 128 bits {@code eventId} is kept as, into {@code into[at]} and {@code into[at + 1]}: a
     * UUID's own bits, else a hash of the text. Thread-safe, so the reading threads work it out
     * while the ID is in their cache, and the set's one thread only inserts ({@link #add(long, long)}).
     */
    public static void keyOf(String eventId, long[] into, int at) {
        if (!uuidKey(eventId, into, at)) {
            into[at] = mix(eventId, 0x9E3779B97F4A7C15L);
            into[at + 1] = mix(eventId, 0xC2B2AE3D27D4EB4FL);
        }
    }

    /** Adds the ID given by its key ({@link #keyOf}); false when it was already present. */
    public boolean add(long hi, long lo) {
        if (hi == 0 && lo == 0) {
            if (hasZero) {
                return false;
            }
            hasZero = true;
            return true;
        }
        if ((size + 1) * 3L > (slots.length() / 2) * 2L) {
            grow();
        }
        return insert(slots, hi, lo);
    }

    public int size() {
        return (int) Math.min(Integer.MAX_VALUE, size + (hasZero ? 1 : 0));
    }

    private boolean insert(LongTable table, long hi, long lo) {
        long capacity = table.length() / 2;
        long i = spread(hi ^ lo) & (capacity - 1);
        while (true) {
            long h = table.get(2 * i), l = table.get(2 * i + 1);
            if (h == 0 && l == 0) {
                table.set(2 * i, hi);
                table.set(2 * i + 1, lo);
                if (table == slots) {
                    size++;
                }
                return true;
            }
            if (h == hi && l == lo) {
                return false;
            }
            i = (i + 1) & (capacity - 1);
        }
    }

    private void grow() {
        LongTable old = slots;
        long longs = old.length() * 2;
        LongTable bigger = longs / 2 <= HEAP_SLOTS ? new HeapTable((int) longs) : MappedTable.of(longs);
        for (long i = 0; i < old.length(); i += 2) {
            long h = old.get(i), l = old.get(i + 1);
            if (h != 0 || l != 0) {
                insert(bigger, h, l);
            }
        }
        old.release();
        slots = bigger;
    }

    /** The table's longs: on the heap, or in a mapped file. */
    private interface LongTable {
        long length();

        long get(long i);

        void set(long i, long v);

        default void release() {
        }
    }

    private record HeapTable(long[] a) implements LongTable {
        HeapTable(int n) {
            this(new long[n]);
        }

        public long length() {
            return a.length;
        }

        public long get(long i) {
            return a[(int) i];
        }

        public void set(long i, long v) {
            a[(int) i] = v;
        }
    }

    /** Longs in a temporary file mapped in segments of 2^27 longs (1 GiB); zero-filled as a new file is. */
    private static final class MappedTable implements LongTable {
        private static final int SHIFT = 27;
        private static final long MASK = (1L << SHIFT) - 1;
        private final java.nio.LongBuffer[] segments;
        private final long length;

        private MappedTable(java.nio.LongBuffer[] segments, long length) {
            this.segments = segments;
            this.length = length;
        }

        static MappedTable of(long longs) {
            try {
                java.nio.file.Path f = java.nio.file.Files.createTempFile("trailhound-eventids-", ".bin");
                try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(f,
                        java.nio.file.StandardOpenOption.READ, java.nio.file.StandardOpenOption.WRITE)) {
                    int n = (int) ((longs + MASK) >>> SHIFT);
                    java.nio.LongBuffer[] segs = new java.nio.LongBuffer[n];
                    for (int s = 0; s < n; s++) {
                        long count = Math.min(1L << SHIFT, longs - ((long) s << SHIFT));
                        segs[s] = ch.map(java.nio.channels.FileChannel.MapMode.READ_WRITE, ((long) s << SHIFT) * 8, count * 8)
                                .asLongBuffer();
                    }
                    return new MappedTable(segs, longs);
                } finally {
                    // The mapping outlives the name; where a mapped file cannot be deleted, at exit.
                    try {
                        java.nio.file.Files.deleteIfExists(f);
                    } catch (java.io.IOException e) {
                        f.toFile().deleteOnExit();
                    }
                }
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException("cannot map a file for the eventID set", e);
            }
        }

        public long length() {
            return length;
        }

        public long get(long i) {
            return segments[(int) (i >>> SHIFT)].get((int) (i & MASK));
        }

        public void set(long i, long v) {
            segments[(int) (i >>> SHIFT)].put((int) (i & MASK), v);
        }
    }

    private static long spread(long x) {
        x ^= x >>> 33;
        x *= 0xff51afd7ed558ccdL;
        x ^= x >>> 33;
        return x;
    }

    /** Lower-case hex digit values; -1 for every other character (upper case included, see isUuid). */
    private static final byte[] HEX = new byte[128];

    static {
        java.util.Arrays.fill(HEX, (byte) -1);
        for (int i = 0; i < 10; i++) {
            HEX['0' + i] = (byte) i;
        }
        for (int i = 0; i < 6; i++) {
            HEX['a' + i] = (byte) (10 + i);
        }
    }

    /**
     * The 128 bits of a lower-case UUID, into {@code into[at]} (its first 16 hex digits) and
     * {@code into[at + 1]} (the last 16), read in one pass; false, with {@code into} unspecified,
     * for any other text. Upper- and lower-case spellings of one UUID are different text, so only
     * one spelling maps to the 128-bit form and the other goes through the hash, as any other ID.
     */
    static boolean uuidKey(String s, long[] into, int at) {
        if (s.length() != 36) {
            return false;
        }
        long hi = 0, lo = 0;
        for (int i = 0; i < 36; i++) {
            char c = s.charAt(i);
            if (i == 8 || i == 13 || i == 18 || i == 23) {
                if (c != '-') {
                    return false;
                }
                continue;
            }
            int digit = c < 128 ? HEX[c] : -1;
            if (digit < 0) {
                return false;
            }
            if (i < 18) {
                hi = hi << 4 | digit;
            } else {
                lo = lo << 4 | digit;
            }
        }
        into[at] = hi;
        into[at + 1] = lo;
        return true;
    }

    private static long mix(String s, long seed) {
        long h = seed ^ s.length();
        for (int i = 0; i < s.length(); i++) {
            h = (h ^ s.charAt(i)) * 0x100000001B3L;
            h = Long.rotateLeft(h, 29) * 0x9E3779B97F4A7C15L;
        }
        return spread(h ^ seed);
    }
}
