package io.trailhound.core.rules.sigma;

/**
 * One rule or correlation document of a Sigma file, after rule-collection actions were applied.
 *
 * @param file the file it came from, as reported to the user
 * @param line 1-based line where the document starts
 */
record SigmaDocument(String file, int line, YamlNode.MapNode body) {
    boolean isCorrelation() {
        return body.get("correlation") != null;
    }

    /** The title for messages, or null when the document has none. */
    String title() {
        return body.get("title") instanceof YamlNode.Scalar s && !s.isNull() ? s.text() : null;
    }
}
