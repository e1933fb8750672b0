package io.trailhound.core.rules.sigma;

import io.trailhound.core.rules.ir.CompiledRule;
import io.trailhound.core.rules.ir.Predicate;
import io.trailhound.core.rules.ir.RuleInfo;
import io.trailhound.core.rules.load.RuleSyntaxException;

/** One Sigma rule document (already known to be about CloudTrail) to a {@link CompiledRule}. */
final class RuleCompiler {
    private final DetectionCompiler detection;

    RuleCompiler(DetectionCompiler detection) {
        this.detection = detection;
    }

    CompiledRule compile(SigmaDocument doc, RuleInfo info) {
        if (doc.body().get("detection") == null && doc.body().get("filter") != null) {
            throw RuleSyntaxException.atLine(doc.body().lineOf("filter"), "SIGMA_UNSUPPORTED",
                    "Sigma filter documents (rules that amend other rules) are not supported yet");
        }
        Predicate condition = detection.compile(doc.body().get("detection"), doc.line());
        return new CompiledRule(info, condition, null,
                new SigmaOutput(info.name(), RuleInfoReader.texts(doc.body().get("fields"))));
    }
}
