package io.trailhound.s3local;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.domain.Blob;
import org.jclouds.blobstore.domain.PageSet;
import org.jclouds.blobstore.domain.StorageMetadata;
import org.jclouds.blobstore.domain.StorageType;
import org.jclouds.blobstore.domain.internal.PageSetImpl;
import org.jclouds.blobstore.domain.internal.StorageMetadataImpl;
import org.jclouds.blobstore.options.CopyOptions;
import org.jclouds.blobstore.options.ListContainerOptions;
import org.jclouds.blobstore.options.PutOptions;
import org.jclouds.blobstore.util.ForwardingBlobStore;

/**
 * A blob store whose listing pages cost what a page holds, as S3's do. jclouds' in-memory store
 * answers each page by loading and sorting every object under the prefix (a copy of each object's
 * metadata), so a bucket of n objects listed 1,000 keys a page costs it O(n²/1000): on the bench's
 * 9,571 objects a listing cost S3Proxy about as much CPU as the GETs of a third of them. Here each
 * container keeps its objects' metadata in a sorted map, updated by every put and remove, and a
 * page is read from the marker on. Everything else, listing calls with options this does not
 * handle included, is the wrapped store's; a change this does not track (copies, multipart
 * uploads, folders) drops the container's map, rebuilt from the wrapped store at its next listing.
 */
final class IndexedListing extends ForwardingBlobStore {
    private final Map<String, ConcurrentNavigableMap<String, StorageMetadata>> containers = new ConcurrentHashMap<>();
    /** Puts and removes (read side) against rebuilding a container's map (write side): no change is lost in a rebuild. */
    private final ReadWriteLock rebuilding = new ReentrantReadWriteLock();

    IndexedListing(BlobStore store) {
        super(store);
    }

    @Override
    public PageSet<? extends StorageMetadata> list(String container, ListContainerOptions options) {
        if (!handles(options)) {
            return super.list(container, options);
        }
        ConcurrentNavigableMap<String, StorageMetadata> blobs = index(container);
        String prefix = options.getPrefix() == null ? "" : options.getPrefix();
        String delimiter = options.getDelimiter();
        String marker = options.getMarker();
        int max = options.getMaxResults() == null ? 1000 : options.getMaxResults();
        List<StorageMetadata> page = new ArrayList<>(Math.min(max, 1024));
        String from = marker != null && marker.compareTo(prefix) > 0 ? marker : prefix;
        Map.Entry<String, StorageMetadata> blob = blobs.ceilingEntry(from);
        String previous = null;
        while (blob != null && blob.getKey().startsWith(prefix)) {
            String key = blob.getKey();
            int cut = delimiter == null ? -1 : key.indexOf(delimiter, prefix.length());
            // keys below a delimiter are listed once, as their common prefix, sorted where the first is; as
            // jclouds does, a key that ends at its first delimiter is listed as itself (and stands for that prefix)
            boolean rolledUp = cut >= 0 && cut + delimiter.length() < key.length();
            String name = rolledUp ? key.substring(0, cut + delimiter.length()) : key;
            if ((marker == null || name.compareTo(marker) > 0) && !name.equals(previous)) {
                if (page.size() == max) {
                    return new PageSetImpl<>(page, page.get(page.size() - 1).getName());
                }
                page.add(rolledUp ? commonPrefix(name) : blob.getValue());
                previous = name;
            }
            blob = cut < 0 ? blobs.higherEntry(key) : blobs.ceilingEntry(name + Character.MAX_VALUE);
        }
        return new PageSetImpl<>(page, null);
    }

    /** A prefix, a delimiter or recursive (one of the two), a marker and a page size above 0: what S3Proxy asks for ListObjects(V2). */
    private static boolean handles(ListContainerOptions options) {
        return options != null && options.getDir() == null
                && (options.getMaxResults() == null || options.getMaxResults() > 0)
                && options.isRecursive() == (options.getDelimiter() == null)
                && (options.getDelimiter() == null || !options.getDelimiter().isEmpty());
    }

    private static StorageMetadata commonPrefix(String name) {
        return new StorageMetadataImpl(StorageType.RELATIVE_PATH, null, name, null, null, null, null, null, Map.of(), null, null);
    }

    private ConcurrentNavigableMap<String, StorageMetadata> index(String container) {
        ConcurrentNavigableMap<String, StorageMetadata> blobs = containers.get(container);
        if (blobs != null) {
            return blobs;
        }
        rebuilding.writeLock().lock();
        try {
            return containers.computeIfAbsent(container, this::read);
        } finally {
            rebuilding.writeLock().unlock();
        }
    }

    /** Every object of the container as the wrapped store lists it, page by page. */
    private ConcurrentNavigableMap<String, StorageMetadata> read(String container) {
        ConcurrentNavigableMap<String, StorageMetadata> blobs = new ConcurrentSkipListMap<>();
        String marker = null;
        do {
            ListContainerOptions all = ListContainerOptions.Builder.recursive();
            PageSet<? extends StorageMetadata> page = delegate().list(container, marker == null ? all : all.afterMarker(marker));
            for (StorageMetadata m : page) {
                if (m.getType() == StorageType.BLOB) {
                    blobs.put(m.getName(), m);
                }
            }
            marker = page.getNextMarker();
        } while (marker != null);
        return blobs;
    }

    /** Runs a change of the wrapped store and keeps the container's map, if there is one, in step with it. */
    private <T> T tracked(String container, Supplier<T> change, String changedKey) {
        rebuilding.readLock().lock();
        try {
            T result = change.get();
            ConcurrentNavigableMap<String, StorageMetadata> blobs = containers.get(container);
            if (blobs != null) {
                StorageMetadata now = delegate().blobMetadata(container, changedKey);
                if (now == null) {
                    blobs.remove(changedKey);
                } else {
                    blobs.put(changedKey, now);
                }
            }
            return result;
        } finally {
            rebuilding.readLock().unlock();
        }
    }

    /** A change this does not follow key by key: the container's map is read again at its next listing. */
    private <T> T untracked(String container, Supplier<T> change) {
        try {
            return change.get();
        } finally {
            containers.remove(container);
        }
    }

    @Override
    public String putBlob(String container, Blob blob) {
        return tracked(container, () -> super.putBlob(container, blob), blob.getMetadata().getName());
    }

    @Override
    public String putBlob(String container, Blob blob, PutOptions options) {
        return tracked(container, () -> super.putBlob(container, blob, options), blob.getMetadata().getName());
    }

    @Override
    public void removeBlob(String container, String name) {
        tracked(container, () -> {
            super.removeBlob(container, name);
            return null;
        }, name);
    }

    @Override
    public void removeBlobs(String container, Iterable<String> names) {
        untracked(container, () -> {
            super.removeBlobs(container, names);
            return null;
        });
    }

    @Override
    public String copyBlob(String fromContainer, String fromName, String toContainer, String toName, CopyOptions options) {
        return untracked(toContainer, () -> super.copyBlob(fromContainer, fromName, toContainer, toName, options));
    }

    @Override
    public String completeMultipartUpload(org.jclouds.blobstore.domain.MultipartUpload upload,
                                          List<org.jclouds.blobstore.domain.MultipartPart> parts) {
        return untracked(upload.containerName(), () -> super.completeMultipartUpload(upload, parts));
    }

    @Override
    public void clearContainer(String container) {
        untracked(container, () -> {
            super.clearContainer(container);
            return null;
        });
    }

    @Override
    public void clearContainer(String container, ListContainerOptions options) {
        untracked(container, () -> {
            super.clearContainer(container, options);
            return null;
        });
    }

    @Override
    public void deleteContainer(String container) {
        untracked(container, () -> {
            super.deleteContainer(container);
            return null;
        });
    }

    @Override
    public boolean deleteContainerIfEmpty(String container) {
        return untracked(container, () -> super.deleteContainerIfEmpty(container));
    }

    @Override
    public void createDirectory(String container, String directory) {
        untracked(container, () -> {
            super.createDirectory(container, directory);
            return null;
        });
    }

    @Override
    public void deleteDirectory(String container, String directory) {
        untracked(container, () -> {
            super.deleteDirectory(container, directory);
            return null;
        });
    }
}
