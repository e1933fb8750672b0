package io.trailhound.core.rules.falco;

import java.util.List;
import java.util.Map;

/**
 * Everything the files define after append and override, in definition order (a redefined item
 * keeps its first place, as in Falco), plus the version requirements they state.
 *
 * @param engineVersion  the highest {@code required_engine_version} seen, as written, or null
 * @param pluginVersions {@code name version} of each {@code required_plugin_versions} entry
 */
record Collected(Map<String, ListDef> lists, Map<String, MacroDef> macros, Map<String, RuleDef> rules,
                        String engineVersion, List<String> pluginVersions) {
}
