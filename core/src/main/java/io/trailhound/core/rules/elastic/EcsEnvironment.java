package io.trailhound.core.rules.elastic;

import io.trailhound.core.event.CloudTrailEvent;
import io.trailhound.core.rules.esql.EsqlEnvironment;
import io.trailhound.core.rules.ir.Accessor;
import io.trailhound.core.rules.ir.Predicate;
import java.util.Set;
import java.util.function.ToLongFunction;

/**
 * The ECS view as ES|QL sees it: the same field resolution (and its record of what a rule needs)
 * and the same KQL compiler as the rule's KQL, so {@code KQL()} inside ES|QL means what a KQL
 * rule means.
 */
final class EcsEnvironment implements EsqlEnvironment {
    private final FieldResolver fields;

    EcsEnvironment(FieldResolver fields) {
        this.fields = fields;
    }

    @Override
    public Accessor field(String name) {
        return fields.field(name);
    }

    @Override
    public Set<String> fieldNames() {
        return fields.producedNames();
    }

    @Override
    public String constant(String name) {
        return EcsFields.constantValue(name);
    }

    @Override
    public ToLongFunction<CloudTrailEvent> epochMillis(String name) {
        return name.equals(EcsFields.TIMESTAMP) ? EcsFields::timestampMillis : null;
    }

    @Override
    public RenderedMember renderedMember(String name) {
        String member = EcsFields.mapTextMember(name);
        return member == null ? null : new RenderedMember(member, PipelineValues.MAP_TEXT_SEPARATORS);
    }

    @Override
    public Predicate kql(String kql) {
        return new KqlCompiler(fields).compile(KqlParser.parse(kql));
    }
}
