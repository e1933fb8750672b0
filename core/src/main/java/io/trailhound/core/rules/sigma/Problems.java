package io.trailhound.core.rules.sigma;

import io.trailhound.core.rules.LoadProblem;
import java.util.ArrayList;
import java.util.List;

/** The problems found while loading, in the order found. */
final class Problems {
    private final List<LoadProblem> list = new ArrayList<>();

    void error(String file, int line, String rule, SigmaLoadException e) {
        list.add(new LoadProblem(LoadProblem.Level.ERROR, file, e.line() > 0 ? e.line() : line, 0, rule, e.code(),
                e.getMessage()));
    }

    void add(LoadProblem.Level level, String file, int line, String rule, String code, String message) {
        list.add(new LoadProblem(level, file, line, 0, rule, code, message));
    }

    List<LoadProblem> all() {
        return list;
    }
}
