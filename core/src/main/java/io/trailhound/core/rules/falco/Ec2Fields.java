package io.trailhound.core.rules.falco;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** The plugin's EC2 fields, which search arrays inside the request and response. */
final class Ec2Fields {
    private Ec2Fields() {
    }

    /** {@code ec2.name}: the Name tag of an instance in the request's tagSpecificationSet. */
    static String name(JsonNode root) {
        JsonNode items = PluginJson.at(root, "requestParameters", "tagSpecificationSet", "items");
        if (items == null || !items.isArray()) {
            return null;
        }
        for (JsonNode spec : items) {
            if (!"instance".equals(spec.path("resourceType").asText(null))) {
                continue;
            }
            JsonNode tags = spec.path("tags");
            for (JsonNode tag : tags) {
                if ("Name".equals(tag.path("key").asText(null))) {
                    String v = tag.path("value").asText("");
                    return v.isEmpty() ? null : v;
                }
            }
        }
        return null;
    }

    /**
     * {@code ec2.imageids}: the launched instances' image ids; without a response instance set,
     * the single image id the request names (three request shapes, in the plugin's order).
     */
    static List<String> imageIds(JsonNode root) {
        JsonNode set = PluginJson.at(root, "responseElements", "instancesSet", "items");
        List<String> out = new ArrayList<>();
        if (set != null && set.isArray()) {
            for (JsonNode item : set) {
                JsonNode id = item.get("imageId");
                if (id != null && id.isTextual() && !id.textValue().isEmpty()) {
                    out.add(id.textValue());
                }
            }
            return out;
        }
        String single = PluginJson.string(root, "requestParameters", "imageId");
        if (single == null) {
            single = PluginJson.string(root, "requestParameters", "DescribeFastLaunchImagesRequest", "ImageId",
                    "content");
        }
        if (single == null) {
            single = PluginJson.string(root, "requestParameters", "launchSpecification", "imageId");
        }
        if (single != null) {
            out.add(single);
        }
        return out;
    }

    /** The image ids as a field value: the list, one element when indexed, null when none. */
    static Object imageIdsValue(JsonNode root, Integer index) {
        List<String> ids = imageIds(root);
        if (index != null) {
            return index >= 0 && index < ids.size() ? List.of(ids.get(index)) : null;
        }
        return ids.isEmpty() ? null : ids;
    }
}
