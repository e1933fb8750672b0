package io.trailhound.core.rules.falco;

import io.trailhound.core.rules.LoadProblem;
import java.util.ArrayList;
import java.util.List;

/** Collects load problems in the order found, with Falco's codes. */
final class Problems {
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

    private void add(LoadProblem.Level level, Position at, String rule, String code, String message) {
        all.add(new LoadProblem(level, at.file(), at.line(), at.column(), rule, code, message));
    }

    public List<LoadProblem> list() {
        return List.copyOf(all);
    }
}
