package io.trailhound.core.ingest;

import io.trailhound.core.event.SourcePosition;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.nio.file.FileVisitResult;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Comparator;

/**
 * Expands the paths a user names into inputs: files as given, directories walked recursively in
 * name order (the {@code AWSLogs/<account>/CloudTrail/<region>/<yyyy>/<mm>/<dd>/} layout and
 * organisation trails {@code AWSLogs/<org-id>/<account>/...} are plain directory trees), {@code -}
 * for stdin. Digest files ({@code CloudTrail-Digest/}) hold signatures, not events, and hidden
 * files are not logs; both are left out of walks.
 */
public final class InputFinder {

    /** What was found: the inputs to read, and the paths that could not be opened. */
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
                    inputs.addAll(walk(p));
                } catch (IOException | UncheckedIOException e) {
                    unreadable.add(unreadable(arg, e));
                }
            } else if (Files.isRegularFile(p) && Files.isReadable(p)) {
                inputs.add(InputSource.file(p));
            } else {
                String why = Files.exists(p) ? "not a readable file" : "no such file or directory";
                unreadable.add(new BadRecord(QuarantineReason.UNREADABLE, new SourcePosition(arg, 0, 0), why, null, false));
            }
        }
        return new Found(inputs, unreadable);
    }

    /** The regular files under {@code root} in path order, with the sizes the walk already read (one stat per file). */
    private static List<InputSource> walk(Path root) throws IOException {
        List<InputSource> found = new ArrayList<>();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                return !dir.equals(root) && excluded(dir) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (attrs.isRegularFile() && !excluded(file)) {
                    found.add(InputSource.file(file, attrs.size(), true));
                }
                return FileVisitResult.CONTINUE;
            }
        });
        found.sort(Comparator.comparing(InputSource::path));
        return found;
    }

    private static boolean excluded(Path p) {
        String name = p.getFileName().toString();
        return name.startsWith(".") || name.equals("CloudTrail-Digest");
    }

    private static BadRecord unreadable(String arg, Exception e) {
        Throwable cause = e instanceof UncheckedIOException u ? u.getCause() : e;
        return new BadRecord(QuarantineReason.UNREADABLE, new SourcePosition(arg, 0, 0),
                "cannot walk directory: " + cause.getMessage(), null, false);
    }
}
