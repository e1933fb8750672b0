package io.trailhound.core.rules;

import io.trailhound.core.rules.elastic.ElasticFrontEnd;
import io.trailhound.core.rules.elastic.GeoIp;
import io.trailhound.core.rules.falco.FalcoFrontEnd;
import io.trailhound.core.rules.ir.RuleFormat;
import io.trailhound.core.rules.sigma.SigmaFrontEnd;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The rule languages Trailhound reads: a list of front ends, one per language, and the built-in
 * pack. A language is registered here and nowhere else; the command line's FORMAT words, file
 * sniffing, alert wording and rule types all ask the front ends listed. Front ends keep no state
 * between loads, so one registry serves a whole run.
 */
public final class RuleFormats {
    private static final RuleFormats STANDARD = with(GeoIp.NONE, false);

    private final List<RuleFrontEnd> frontEnds;
    private final RuleFrontEnd builtinPack = FalcoFrontEnd.forBuiltinPack();

    private RuleFormats(List<RuleFrontEnd> frontEnds) {
        this.frontEnds = List.copyOf(frontEnds);
    }

    /** The languages with no options: no GeoIP databases, every matching Falco rule alerts. */
    public static RuleFormats standard() {
        return STANDARD;
    }

    /**
     * The languages with a run's options: the user's GeoIP databases for Elastic's
     * {@code source.geo.*} and {@code source.as.*}, and Falco's {@code rule_matching: first}.
     */
    public static RuleFormats with(GeoIp geo, boolean falcoFirstMatch) {
        // In this order: FORMAT words are listed so, and a file no front end recognises goes to the first that accepts it.
        return new RuleFormats(List.of(new FalcoFrontEnd(falcoFirstMatch), new ElasticFrontEnd(geo),
                new SigmaFrontEnd()));
    }

    /** The registered front ends, in order. */
    public List<RuleFrontEnd> frontEnds() {
        return frontEnds;
    }

    /** The front end whose FORMAT word ({@link RuleFrontEnd#id}) is {@code id} in lower case; null when none. */
    public RuleFrontEnd byId(String id) {
        String word = id.toLowerCase(Locale.ROOT);
        for (RuleFrontEnd f : frontEnds) {
            if (f.id().equals(word)) {
                return f;
            }
        }
        return null;
    }

    /** The front end that compiles rules of {@code format} (the Falco one for the built-in pack). */
    public RuleFrontEnd of(RuleFormat format) {
        for (RuleFrontEnd f : frontEnds) {
            if (f.format() == format) {
                return f;
            }
        }
        if (builtinPack.format() == format) {
            return builtinPack;
        }
        throw new IllegalArgumentException("no front end for " + format);
    }

    /**
     * The front end for a file named without its format: the first that accepts and
     * {@linkplain RuleFrontEnd#recognises recognises} it, else the first that accepts it; null when
     * it is no language's file.
     */
    public RuleFrontEnd sniff(Path file) {
        for (RuleFrontEnd f : frontEnds) {
            if (f.accepts(file) && f.recognises(file)) {
                return f;
            }
        }
        for (RuleFrontEnd f : frontEnds) {
            if (f.accepts(file)) {
                return f;
            }
        }
        return null;
    }

    /** The FORMAT words, {@code falco, elastic, sigma}. */
    public List<String> ids() {
        return frontEnds.stream().map(RuleFrontEnd::id).toList();
    }

    /** Every rule file extension the languages read, in order, each once ({@code .yaml}, {@code .yml}, …). */
    public List<String> extensions() {
        List<String> out = new ArrayList<>();
        for (RuleFrontEnd f : frontEnds) {
            for (String e : f.extensions()) {
                if (!out.contains(e)) {
                    out.add(e);
                }
            }
        }
        return out;
    }

    /** A loader that reads rule sources with these front ends. */
    public RuleLoader loader() {
        return new RuleLoader(this);
    }

    /** The built-in rule pack shipped in the jar (Falco format). */
    public static LoadResult builtin() {
        return FalcoFrontEnd.builtin();
    }
}
