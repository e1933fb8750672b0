package io.trailhound.core.ingest;

import io.trailhound.core.event.SourcePosition;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Expands the paths a user names into inputs: files as given, directories walked recursively in
 * name order (the {@code AWSLogs/<account>/CloudTrail/<region>/<yyyy>/<mm>/<dd>/} layout and
 * organisation trails {@code AWSLogs/<org-id>/<account>/...} are plain directory trees), {@code -}
 * for stdin. Digest files ({@code CloudTrail-Digest/}) hold signatures, not events, and hidden
 * files are not logs; both are left out of walks.
 *
 * <p>Symbolic links are followed, to files and to directories (a folder of links to selected log
 * files is a common way to pick inputs). A directory reached a second time through a link is
 * walked once, which also ends loops; a link that cannot be followed (its target is missing, or
 * it leads back into the walk) is reported as unreadable, never skipped silently.
 */
public final class InputFinder {

    /** What was found: the inputs to read, and the paths that could not be opened (or links not followed). */
    public record Found(List<InputSource> inputs, List<BadRecord> unreadable) {
    }

    public Found find(List<String> args) {
        List<InputSource> inputs = new ArrayList<>();
        List<BadRecord> unreadable = new ArrayList<>();
        for (String arg : args) {
            if (arg.equals("-")) {
                inputs.add(InputSource.stdin());
                continue;
            }
            Path p = Path.of(arg);
            if (Files.isDirectory(p)) {
                try {
                    inputs.addAll(walk(p, unreadable));
                } catch (IOException | UncheckedIOException e) {
                    Throwable cause = e instanceof UncheckedIOException u ? u.getCause() : e;
                    unreadable.add(unreadable(arg, "cannot walk directory: " + cause.getMessage()));
                }
            } else if (Files.isRegularFile(p) && Files.isReadable(p)) {
                inputs.add(InputSource.file(p));
            } else {
                unreadable.add(unreadable(arg, whyNot(p)));
            }
        }
        return new Found(inputs, unreadable);
    }

    /** A directory to walk, with the one it was reached from (to tell a loop from a second way in). */
    private record Dir(Path path, Object identity, Dir parent) {
        boolean below(Object ancestor) {
            for (Dir d = this; d != null; d = d.parent) {
                if (d.identity.equals(ancestor)) {
                    return true;
                }
            }
            return false;
        }
    }

    /**
     * The regular files under {@code root} in path order, with the sizes the walk already read
     * (one stat per entry); what cannot be read goes to {@code unreadable}, and the walk goes on.
     * Entries are visited in name order, so when a directory is reached twice the same path
     * (the first in name order) is the one read, whatever order the file system lists them in.
     */
    private static List<InputSource> walk(Path root, List<BadRecord> unreadable) throws IOException {
        List<InputSource> found = new ArrayList<>();
        Set<Object> walked = new HashSet<>();
        Deque<Dir> toWalk = new ArrayDeque<>(); // an explicit stack: a tree 100,000 deep is no stack overflow
        toWalk.push(new Dir(root, identity(root, Files.readAttributes(root, BasicFileAttributes.class)), null));
        walked.add(toWalk.peek().identity());
        while (!toWalk.isEmpty()) {
            Dir dir = toWalk.pop();
            List<Path> entries = list(dir.path(), unreadable);
            List<Dir> subdirs = new ArrayList<>();
            for (Path entry : entries) {
                if (excluded(entry)) {
                    continue;
                }
                BasicFileAttributes attrs;
                try {
                    attrs = Files.readAttributes(entry, BasicFileAttributes.class); // follows links
                } catch (IOException e) {
                    unreadable.add(unreadable(entry.toString(), Files.isSymbolicLink(entry) ? whyNot(entry)
                            : "cannot read: " + reason(e)));
                    continue;
                }
                if (attrs.isRegularFile()) {
                    found.add(InputSource.file(entry, attrs.size(), true));
                } else if (attrs.isDirectory()) {
                    Object id = identity(entry, attrs);
                    if (walked.add(id)) {
                        subdirs.add(new Dir(entry, id, dir));
                    } else if (dir.below(id)) {
                        unreadable.add(unreadable(entry.toString(),
                                "symbolic link loop: leads back into a directory being walked; not followed"));
                    } // else: a second way into a directory already walked; its files are read once
                }
            }
            for (int i = subdirs.size() - 1; i >= 0; i--) {
                toWalk.push(subdirs.get(i));
            }
        }
        found.sort(Comparator.comparing(InputSource::path));
        return found;
    }

    /** The directory's entries in name order; when it cannot be listed, that is reported and the walk goes on. */
    private static List<Path> list(Path dir, List<BadRecord> unreadable) {
        // Each name made once, not twice per comparison: a day's directory holds hundreds of files.
        List<Map.Entry<String, Path>> named = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            ds.forEach(p -> named.add(Map.entry(p.getFileName().toString(), p)));
        } catch (IOException | DirectoryIteratorException e) {
            IOException cause = e instanceof DirectoryIteratorException d ? d.getCause() : (IOException) e;
            unreadable.add(unreadable(dir.toString(), "cannot list directory: " + reason(cause)));
        }
        named.sort(Map.Entry.comparingByKey());
        List<Path> entries = new ArrayList<>(named.size());
        named.forEach(e -> entries.add(e.getValue()));
        return entries;
    }

    /** What makes two paths the same directory: its file key (device and inode), else its real path. */
    private static Object identity(Path dir, BasicFileAttributes attrs) throws IOException {
        return attrs.fileKey() != null ? attrs.fileKey() : dir.toRealPath();
    }

    /** Why a path that is neither a directory nor a readable regular file cannot be read. */
    private static String whyNot(Path p) {
        if (Files.isSymbolicLink(p)) {
            String target;
            try {
                target = Files.readSymbolicLink(p).toString();
            } catch (IOException e) {
                target = "?";
            }
            try {
                p.toRealPath();
            } catch (NoSuchFileException e) {
                return "broken symbolic link: its target " + target + " does not exist";
            } catch (IOException e) {
                return "symbolic link to " + target + " cannot be followed: " + reason(e);
            }
        }
        if (!Files.exists(p)) {
            return "no such file or directory";
        }
        return Files.isRegularFile(p) ? "not a readable file" : "not a regular file or directory";
    }

    /** The OS's reason without the path (which the quarantine entry already names). */
    private static String reason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }

    private static boolean excluded(Path p) {
        Path name = p.getFileName();
        return name != null && (name.toString().startsWith(".") || name.toString().equals("CloudTrail-Digest"));
    }

    private static BadRecord unreadable(String path, String why) {
        return new BadRecord(QuarantineReason.UNREADABLE, new SourcePosition(path, 0, 0), why, null, false);
    }
}
