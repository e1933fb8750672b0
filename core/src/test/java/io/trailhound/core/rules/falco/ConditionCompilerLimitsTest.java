package io.trailhound.core.rules.falco;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.trailhound.core.rules.Hostile;
import io.trailhound.core.rules.load.RuleLimits;
import io.trailhound.core.rules.load.RuleSyntaxException;
import org.junit.jupiter.api.Test;

/** Macro expansion is bounded in depth, per condition and per load; limits are reported at the rule's reference. */
class ConditionCompilerLimitsTest {
    private static final FieldCatalog CATALOG = FieldCatalog.standard();

    private static MacroTable macros(String... conditions) throws Exception {
        MacroTable t = new MacroTable();
        for (int i = 0; i < conditions.length; i++) {
            t.add("m" + i, ConditionParser.parse(conditions[i]));
        }
        return t;
    }

    @Test
    void macrosDoublingFortyDeepStopAtTheTermBudget() throws Exception {
        String[] defs = new String[40];
        defs[0] = "ct.name = A";
        for (int i = 1; i < defs.length; i++) {
            defs[i] = "m" + (i - 1) + " or not m" + (i - 1);
        }
        ConditionCompiler c = new ConditionCompiler(new FieldResolver(CATALOG), macros(defs));
        RuleSyntaxException e = Hostile.run(() -> assertThrows(RuleSyntaxException.class,
                () -> c.compileRule(ConditionParser.parse("ct.region = x and m39"))));
        assertThat(e.getMessage()).contains("more than " + RuleLimits.MAX_TERMS + " tests");
        assertThat(e.within()).isNull();                                // reported in the rule's own text,
        assertThat(e.offset()).isEqualTo("ct.region = x and ".length()); // at its reference to m39
    }

    @Test
    void chainedMacrosStopAtTheDepthLimit() throws Exception {
        String[] defs = new String[10_000];
        defs[0] = "ct.name = A";
        for (int i = 1; i < defs.length; i++) {
            defs[i] = "m" + (i - 1);
        }
        ConditionCompiler c = new ConditionCompiler(new FieldResolver(CATALOG), macros(defs));
        RuleSyntaxException e = Hostile.run(() -> assertThrows(RuleSyntaxException.class,
                () -> c.compileRule(ConditionParser.parse("m9999"))));
        assertThat(e.getMessage()).contains("nested deeper than " + RuleLimits.MAX_TREE_DEPTH);
        assertThat(e.offset()).isZero();
        // a shorter chain compiles, flat
        assertThat(Hostile.run(() -> c.compileRule(ConditionParser.parse("m300")))).isNotNull();
    }

    @Test
    void aLoadStopsWhenItsRulesTogetherExpandTooFar() throws Exception {
        ConditionCompiler c = new ConditionCompiler(new FieldResolver(CATALOG),
                macros("ct.name in (a, b, c, d, e, f, g, h, i)"), 100);
        for (int rule = 0; rule < 9; rule++) {
            c.compileRule(ConditionParser.parse("m0")); // 11 tests each (the reference, the check, its 9 items): 99
        }
        RuleSyntaxException e = assertThrows(RuleSyntaxException.class, () -> c.compileRule(ConditionParser.parse("m0")));
        assertThat(e.getMessage()).contains("rules loaded together expand to more than 100 tests");
    }
}
