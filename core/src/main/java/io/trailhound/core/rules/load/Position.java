package io.trailhound.core.rules.load;

/**
 * A place in a rule file: 1-based line and column (0 when unknown). The file is null where the
 * code that knows the place does not know the file (a parser deep inside a front end); the front
 * end that reports it fills it in ({@link #in}).
 */
public record Position(String file, int line, int column) {
    /** A line of {@code file}, column unknown. */
    public static Position of(String file, int line) {
        return new Position(file, line, 0);
    }

    /** A line of an unnamed file, column unknown. */
    public static Position line(int line) {
        return new Position(null, line, 0);
    }

    /** This place in {@code file} when it names no file itself. */
    public Position in(String file) {
        return this.file != null ? this : new Position(file, line, column);
    }
}
