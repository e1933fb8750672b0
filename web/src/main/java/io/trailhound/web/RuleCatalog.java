package io.trailhound.web;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailhound.core.rules.RuleJson;
import io.trailhound.core.rules.falco.FalcoFrontEnd;
import io.trailhound.core.rules.RuleFile;
import io.trailhound.core.rules.ir.CompiledRule;
import io.trailhound.core.rules.ir.RuleInfo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The rules {@code serve} loaded (the same options as {@code scan}): the rules page lists them,
 * and an alert's page finds its rule here for the description and the rule file. The store keeps
 * no rules, so an alert raised by a rule file {@code serve} was not given shows its stored fields only.
 */
final class RuleCatalog {
    private final List<CompiledRule> rules;
    private final int skipped;

    RuleCatalog(List<CompiledRule> rules, int skipped) {
        this.rules = List.copyOf(rules);
        this.skipped = skipped;
    }

    List<CompiledRule> rules() {
        return rules;
    }

    int skipped() {
        return skipped;
    }

    /** {@code rules list --format json}'s object, with the description. */
    static ObjectNode json(CompiledRule c) {
        return RuleJson.of(c).put("description", c.info().description());
    }

    /** The rule of a stored alert: by format and id, else by format and name. */
    CompiledRule find(String format, String id, String name) {
        for (CompiledRule c : rules) {
            RuleInfo r = c.info();
            if (r.format().id().equals(format) && ((id != null && id.equals(r.id())) || (id == null && r.name().equals(name)))) {
                return c;
            }
        }
        return null;
    }

    /** The text of a loaded rule's file: a file on disk, or the built-in pack's file in the jar. */
    String source(CompiledRule c) throws IOException {
        String file = c.info().file();
        if (file == null) {
            return null;
        }
        if (file.startsWith("builtin:")) {
            for (RuleFile f : FalcoFrontEnd.builtinFiles()) {
                if (f.name().equals(file)) {
                    return f.text();
                }
            }
            return null;
        }
        Path p = Path.of(file);
        return Files.isRegularFile(p) ? Files.readString(p, StandardCharsets.UTF_8) : null;
    }
}
