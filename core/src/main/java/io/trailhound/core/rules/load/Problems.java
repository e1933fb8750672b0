package io.trailhound.core.rules.load;

import io.trailhound.core.rules.LoadProblem;
import java.util.ArrayList;
import java.util.List;

/** The problems of one load, in the order found: every front end collects them here. */
public final class Problems {
    private final List<LoadProblem> all = new ArrayList<>();

    public void error(Position at, String rule, String code, String message) {
        add(LoadProblem.Level.ERROR, at, rule, code, message);
    }

    public void warning(Position at, String rule, String code, String message) {
        add(LoadProblem.Level.WARNING, at, rule, code, message);
    }

    public void notice(Position at, String rule, String code, String message) {
        add(LoadProblem.Level.NOTICE, at, rule, code, message);
    }

    /**
     * A stage's error under its own code: at its own position when that has a line (in
     * {@code at}'s file when it names none), else at {@code at}.
     */
    public void error(Position at, String rule, RuleSyntaxException e) {
        Position own = e.position();
        add(LoadProblem.Level.ERROR, own != null && own.line() > 0 ? own.in(at.file()) : at, rule, e.code(),
                e.getMessage());
    }

    public void add(LoadProblem.Level level, Position at, String rule, String code, String message) {
        all.add(new LoadProblem(level, at.file(), at.line(), at.column(), rule, code, message));
    }

    public List<LoadProblem> list() {
        return List.copyOf(all);
    }
}
