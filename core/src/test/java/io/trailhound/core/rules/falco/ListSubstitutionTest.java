package io.trailhound.core.rules.falco;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailhound.core.rules.load.RuleLimits;
import io.trailhound.core.rules.load.RuleSyntaxException;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Falco's textual list substitution (rule_loader_compiler.cpp resolve_list). */
class ListSubstitutionTest {
    private static final Map<String, List<String>> LISTS = new LinkedHashMap<>();

    static {
        LISTS.put("regions", List.of("us-east-1", "eu west"));
        LISTS.put("none", List.of());
    }

    private static ListSubstitution.Result apply(String text, Set<String> used) {
        try {
            return ListSubstitution.apply(text, LISTS, used);
        } catch (RuleSyntaxException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void replacesDelimitedNamesOnlyAndQuotesSpacedItems() {
        Set<String> used = new HashSet<>();
        assertThat(apply("a in (regions) and b=regions and c = my_regions", used).text())
                .isEqualTo("a in (us-east-1, \"eu west\") and b=us-east-1, \"eu west\" and c = my_regions");
        assertThat(used).containsExactly("regions");
    }

    @Test
    void anEmptyListTakesAnAdjacentCommaWithIt() {
        Set<String> used = new HashSet<>();
        assertThat(apply("a in (none, x)", used).text()).isEqualTo("a in ( x)");
        assertThat(apply("a in (x, none)", used).text()).isEqualTo("a in (x)");
        assertThat(apply("a in (none)", used).text()).isEqualTo("a in ()");
        assertThat(used).containsExactly("none");
    }

    @Test
    void offsetsMapBackToTheOriginalText() {
        String text = "a in (regions) and zz";
        ListSubstitution.Result r = apply(text, new HashSet<>());
        int zz = r.text().indexOf("zz");
        assertThat(r.originOf(zz)).isEqualTo(text.indexOf("zz"));
        assertThat(r.originOf(r.text().indexOf("eu west"))).isEqualTo(text.indexOf("regions"));
        assertThat(r.originOf(r.text().length())).isEqualTo(text.length());
    }

    @Test
    void itemsAlreadyQuotedStayAsTheyAre() {
        assertThat(ListSubstitution.quoteIfSpaced("'a b'")).isEqualTo("'a b'");
        assertThat(ListSubstitution.quoteIfSpaced("a b")).isEqualTo("\"a b\"");
        assertThat(ListSubstitution.quoteIfSpaced("ab")).isEqualTo("ab");
    }

    @Test
    void aConditionGrownPastTheLimitByItsListsIsAnErrorAtTheListThatDidIt() {
        Map<String, List<String>> lists = new LinkedHashMap<>();
        lists.put("big", java.util.Collections.nCopies(RuleLimits.MAX_CONDITION_CHARS / 40 + 100, "x".repeat(18)));
        String text = "a in (big) and b in (big)";
        RuleSyntaxException e = org.junit.jupiter.api.Assertions.assertThrows(RuleSyntaxException.class,
                () -> ListSubstitution.apply(text, lists, new HashSet<>()));
        assertThat(e.getMessage()).contains("longer than " + RuleLimits.MAX_CONDITION_CHARS).contains("'big'");
        assertThat(e.offset()).isEqualTo(text.lastIndexOf("big"));
    }
}
