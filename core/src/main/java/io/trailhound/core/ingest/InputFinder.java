package io.trailhound.core.ingest;

import io.trailhound.core.event.SourcePosition;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

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
                try (Stream<Path> walk = Files.walk(p)) {
                    walk.filter(Files::isRegularFile)
                            .filter(f -> !excluded(p.relativize(f)))
                            .sorted()
                            .forEach(f -> inputs.add(InputSource.file(f, true)));
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

    private static boolean excluded(Path relative) {
        for (Path part : relative) {
            String s = part.toString();
            if (s.startsWith(".") || s.equals("CloudTrail-Digest")) {
                return true;
            }
        }
        return false;
    }

    private static BadRecord unreadable(String arg, Exception e) {
        Throwable cause = e instanceof UncheckedIOException u ? u.getCause() : e;
        return new BadRecord(QuarantineReason.UNREADABLE, new SourcePosition(arg, 0, 0),
                "cannot walk directory: " + cause.getMessage(), null, false);
    }
}
