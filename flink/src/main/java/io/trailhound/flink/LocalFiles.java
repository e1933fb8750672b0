package io.trailhound.flink;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collection;
import java.util.function.Predicate;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.enumerate.NonSplittingRecursiveEnumerator;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;

/**
 * Flink's recursive listing, each file one split, with local directories walked through
 * {@code java.nio} (one stat per entry): Flink's local file system made several URIs per file
 * and listed a trail of thousands of small files four times slower, on the job manager before the
 * first file was read. The same files, filtered the same way (a name the filter refuses is left
 * out, with all under it); other file systems (S3) are listed by Flink as before.
 */
final class LocalFiles extends NonSplittingRecursiveEnumerator {
    private static final String[] NO_HOSTS = new String[0];

    LocalFiles(Predicate<Path> filter) {
        super(filter);
    }

    @Override
    public Collection<FileSourceSplit> enumerateSplits(Path[] paths, int minDesiredSplits) throws IOException {
        ArrayList<FileSourceSplit> splits = new ArrayList<>();
        for (Path path : paths) {
            String scheme = path.toUri().getScheme();
            if (scheme == null || "file".equals(scheme)) {
                java.nio.file.Path local = java.nio.file.Path.of(path.toUri().getPath());
                walk(local, path, Files.readAttributes(local, BasicFileAttributes.class), splits);
            } else {
                FileSystem fs = path.getFileSystem();
                addSplitsForPath(fs.getFileStatus(path), fs, splits);
            }
        }
        return splits;
    }

    /** As Flink names a local file ({@code file:/...}, any character quoted), without asking the disk whether it is a directory. */
    private static Path pathOf(java.nio.file.Path file) throws IOException {
        try {
            return new Path(new java.net.URI("file", null, file.toAbsolutePath().toString(), null));
        } catch (java.net.URISyntaxException e) {
            throw new IOException("cannot name " + file, e);
        }
    }

    /** {@code at} (named {@code path} for Flink), a file or all under a directory, as {@code addSplitsForPath} walks. */
    private void walk(java.nio.file.Path at, Path path, BasicFileAttributes attributes, ArrayList<FileSourceSplit> splits)
            throws IOException {
        if (!fileFilter.test(path)) {
            return;
        }
        if (!attributes.isDirectory()) {
            long size = attributes.size();
            splits.add(new FileSourceSplit(getNextId(), path, 0, size, attributes.lastModifiedTime().toMillis(), size, NO_HOSTS));
            return;
        }
        try (DirectoryStream<java.nio.file.Path> entries = Files.newDirectoryStream(at)) {
            for (java.nio.file.Path e : entries) {
                walk(e, pathOf(e), Files.readAttributes(e, BasicFileAttributes.class), splits);
            }
        }
    }
}
