package io.trailhound.core.rules.elastic;

import com.maxmind.db.CHMCache;
import com.maxmind.db.InvalidDatabaseException;
import com.maxmind.db.Reader;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * One MaxMind DB file, opened with MaxMind's reader and checked to be the kind asked for, with
 * its records decoded once per address. The reader is thread-safe; the per-address cache is a
 * concurrent map that is emptied when full, so memory stays bounded however many addresses a
 * trail holds, and a scan's repeated addresses (the usual case) cost one map look-up.
 */
final class MmdbLookup<T> implements Closeable {
    /** Addresses remembered before the cache starts again. */
    static final int CACHE_LIMIT = 50_000;

    private final Path file;
    private final Reader reader;
    private final Function<Map<String, Object>, T> decode;
    private final Map<InetAddress, Optional<T>> cache = new ConcurrentHashMap<>();

    private MmdbLookup(Path file, Reader reader, Function<Map<String, Object>, T> decode) {
        this.file = file;
        this.reader = reader;
        this.decode = decode;
    }

    /**
     * Opens {@code file} as a database whose type contains {@code typeWord} ({@code City},
     * {@code ASN}). Every failure is an IllegalArgumentException naming the option and the file.
     */
    static <T> MmdbLookup<T> open(String option, Path file, String typeWord,
                                  Function<Map<String, Object>, T> decode) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(option + ": no such file: " + file);
        }
        Reader reader;
        try {
            // CHMCache: records shared by many networks (one city, one organisation) are decoded once.
            reader = new Reader(file.toFile(), new CHMCache());
        } catch (InvalidDatabaseException e) {
            throw new IllegalArgumentException(option + ": " + file + " is not a MaxMind DB (.mmdb) file: "
                    + e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException(option + ": cannot read " + file + " as a MaxMind DB (.mmdb) file: "
                    + e.getMessage(), e);
        }
        String type = reader.getMetadata().getDatabaseType();
        if (type == null || !type.contains(typeWord)) {
            closeQuietly(reader);
            throw new IllegalArgumentException(option + ": " + file + " is a '" + type + "' database; this option "
                    + "needs one whose type contains '" + typeWord + "' (e.g. GeoLite2-" + typeWord + ".mmdb)");
        }
        return new MmdbLookup<>(file, reader, decode);
    }

    /** The record for the address, or null when the database has none (or cannot hold the address). */
    T get(InetAddress address) {
        Optional<T> hit = cache.get(address);
        if (hit != null) {
            return hit.orElse(null);
        }
        Optional<T> found = Optional.ofNullable(read(address));
        if (cache.size() >= CACHE_LIMIT) {
            cache.clear();
        }
        cache.put(address, found);
        return found.orElse(null);
    }

    private T read(InetAddress address) {
        if (address instanceof Inet6Address && reader.getMetadata().getIpVersion() == 4) {
            return null; // an IPv4-only database has nothing for IPv6, and its reader would throw
        }
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> rec = reader.get(address, Map.class);
            return rec == null ? null : decode.apply(rec);
        } catch (IOException e) {
            // The file was valid when opened; failing now means it is corrupt or was replaced under us.
            throw new UncheckedIOException("GeoIP database " + file + " could not be read: " + e.getMessage(), e);
        }
    }

    /** Addresses remembered now (for the bound's test). */
    int cacheSize() {
        return cache.size();
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }

    private static void closeQuietly(Reader reader) {
        try {
            reader.close();
        } catch (IOException ignored) {
            // already failing with a clearer message
        }
    }
}
