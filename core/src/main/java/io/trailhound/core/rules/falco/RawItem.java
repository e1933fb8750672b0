package io.trailhound.core.rules.falco;

/** One top-level item of a rules file, classified by which key it has, as Falco's reader does. */
record RawItem(Kind kind, String name, YamlMap body) {
    public enum Kind {
        REQUIRED_ENGINE_VERSION("required_engine_version"),
        REQUIRED_PLUGIN_VERSIONS("required_plugin_versions"),
        LIST("list"),
        MACRO("macro"),
        RULE("rule");

        private final String key;

        Kind(String key) {
            this.key = key;
        }

        public String key() {
            return key;
        }
    }
}
