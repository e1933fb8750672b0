package io.trailhound.core.output;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The OCSF schema composed from its source files (dictionary, categories, classes, objects,
 * profiles), as the schema's README says they compose, and a validator of records against it:
 * required attributes present, no attribute the class or object does not define, each value of its
 * type (primitive types, the regular expressions of derived types, objects recursively, arrays),
 * enum values defined, a sibling caption matching its id, object constraints ({@code at_least_one},
 * {@code just_one}), and {@code class_uid}, {@code category_uid} and {@code type_uid}. A profile's
 * attributes are allowed everywhere it is included; its requirements count only when the record
 * names the profile in {@code metadata.profiles}.
 */
final class OcsfSchema {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One attribute as a class or object has it after composition. */
    record Attr(String name, String type, boolean array, String requirement, Map<String, String> enumCaptions,
                String sibling, String profile) {
    }

    /** A class or an object: its attributes and constraints. */
    record Def(String name, Map<String, Attr> attrs, List<String> atLeastOne, List<String> justOne, int uid, int category) {
    }

    private final Path root;
    private final JsonNode dictionary;
    private final JsonNode types;
    private final Map<String, Path> objectFiles = new HashMap<>();
    private final Map<String, Path> classFiles = new HashMap<>();
    private final Map<String, Integer> categories = new HashMap<>();
    private final Map<String, String> categoryCaptions = new HashMap<>();
    private final Map<String, Def> objects = new HashMap<>();
    private final Set<Integer> observableTypes = new HashSet<>();

    OcsfSchema(Path root) {
        this.root = root;
        this.dictionary = read(root.resolve("dictionary.json")).get("attributes");
        this.types = read(root.resolve("dictionary.json")).get("types").get("attributes");
        read(root.resolve("categories.json")).get("attributes").fields()
                .forEachRemaining(e -> {
                    categories.put(e.getKey(), e.getValue().get("uid").asInt());
                    categoryCaptions.put(e.getKey(), e.getValue().get("caption").asText());
                });
        index(root.resolve("objects"), objectFiles);
        index(root.resolve("events"), classFiles);
        // The observable type_id values the schema generates: from types, dictionary attributes and objects.
        types.forEach(t -> addObservable(t));
        dictionary.forEach(this::addObservable);
        objectFiles.values().forEach(p -> addObservable(read(p)));
        observableTypes.add(0);
        observableTypes.add(99);
    }

    private void addObservable(JsonNode n) {
        if (n.has("observable")) {
            observableTypes.add(n.get("observable").asInt());
        }
    }

    private static void index(Path dir, Map<String, Path> out) {
        try (Stream<Path> s = Files.walk(dir)) {
            s.filter(p -> p.toString().endsWith(".json")).forEach(p -> out.put(read(p).get("name").asText(), p));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode read(Path p) {
        try {
            return JSON.readTree(p.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The composed class {@code name} (e.g. {@code api_activity}), with its class and category uids. */
    Def eventClass(String name) {
        List<JsonNode> chain = chain(classFiles, name);
        Map<String, Attr> attrs = new LinkedHashMap<>();
        int uid = 0;
        String category = null;
        List<String> atLeastOne = new ArrayList<>();
        List<String> justOne = new ArrayList<>();
        for (JsonNode def : chain) {
            if (def.has("uid")) {
                uid = def.get("uid").asInt();
            }
            if (def.has("category")) {
                category = def.get("category").asText();
            }
            compose(attrs, def, atLeastOne, justOne);
        }
        int cat = categories.getOrDefault(category, 0);
        int classUid = cat * 1000 + uid;
        // As the schema compiles a class: class_uid and category_uid take the class's own value and caption.
        String caption = chain.get(chain.size() - 1).get("caption").asText();
        attrs.put("class_uid", withEnum(attrs.get("class_uid"), classUid, caption));
        attrs.put("category_uid", withEnum(attrs.get("category_uid"), cat, categoryCaptions.get(category)));
        return new Def(name, attrs, atLeastOne, justOne, classUid, cat);
    }

    private static Attr withEnum(Attr a, int value, String caption) {
        return new Attr(a.name(), a.type(), a.array(), a.requirement(), Map.of(Integer.toString(value), caption), a.sibling(),
                a.profile());
    }

    Def object(String name) {
        return objects.computeIfAbsent(name, n -> {
            Map<String, Attr> attrs = new LinkedHashMap<>();
            List<String> atLeastOne = new ArrayList<>();
            List<String> justOne = new ArrayList<>();
            for (JsonNode def : chain(objectFiles, n)) {
                compose(attrs, def, atLeastOne, justOne);
            }
            return new Def(n, attrs, atLeastOne, justOne, 0, 0);
        });
    }

    /** The definition and those it extends, the most general first. */
    private static List<JsonNode> chain(Map<String, Path> files, String name) {
        List<JsonNode> out = new ArrayList<>();
        String n = name;
        while (n != null) {
            Path p = files.get(n);
            if (p == null) {
                throw new IllegalArgumentException("OCSF: no definition named " + n);
            }
            JsonNode def = read(p);
            out.add(0, def);
            n = def.has("extends") ? def.get("extends").asText() : null;
        }
        return out;
    }

    private void compose(Map<String, Attr> attrs, JsonNode def, List<String> atLeastOne, List<String> justOne) {
        JsonNode a = def.get("attributes");
        if (a.has("$include")) {
            for (JsonNode inc : a.get("$include")) {
                JsonNode included = read(root.resolve(inc.asText()));
                String profile = "profile".equals(included.path("meta").asText()) ? included.get("name").asText() : null;
                included.get("attributes").fields().forEachRemaining(e -> merge(attrs, e.getKey(), e.getValue(), profile));
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = a.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getKey().equals("$include")) {
                merge(attrs, e.getKey(), e.getValue(), null);
            }
        }
        JsonNode c = def.path("constraints");
        if (c.has("at_least_one")) {
            atLeastOne.clear();
            c.get("at_least_one").forEach(x -> atLeastOne.add(x.asText()));
        }
        if (c.has("just_one")) {
            justOne.clear();
            c.get("just_one").forEach(x -> justOne.add(x.asText()));
        }
    }

    /** An attribute as the dictionary defines it, overridden by what the class or object says. */
    private void merge(Map<String, Attr> attrs, String name, JsonNode local, String profile) {
        Attr before = attrs.get(name);
        JsonNode dict = dictionary.get(name);
        if (dict == null && before == null && !local.has("type")) {
            throw new IllegalArgumentException("OCSF: attribute " + name + " is in no dictionary");
        }
        String type = local.has("type") ? local.get("type").asText()
                : before != null ? before.type() : dict.get("type").asText();
        boolean array = local.has("is_array") ? local.get("is_array").asBoolean()
                : before != null ? before.array() : dict != null && dict.path("is_array").asBoolean();
        String requirement = local.has("requirement") && !local.get("requirement").isNull()
                ? local.get("requirement").asText() : before != null ? before.requirement() : "optional";
        Map<String, String> enums = new LinkedHashMap<>();
        if (dict != null) {
            dict.path("enum").fields().forEachRemaining(e -> enums.put(e.getKey(), e.getValue().path("caption").asText()));
        }
        if (before != null) {
            enums.putAll(before.enumCaptions());
        }
        local.path("enum").fields().forEachRemaining(e -> enums.put(e.getKey(), e.getValue().path("caption").asText()));
        String sibling = dict != null && dict.has("sibling") ? dict.get("sibling").asText() : null;
        String prof = before != null && profile == null ? before.profile() : profile;
        attrs.put(name, new Attr(name, type, array, requirement, enums, sibling, prof));
    }

    /** Every problem of {@code record} as a record of {@code className}; empty when valid. */
    List<String> validate(ObjectNode record, String className) {
        Def c = eventClass(className);
        List<String> problems = new ArrayList<>();
        Set<String> profiles = new HashSet<>();
        record.path("metadata").path("profiles").forEach(p -> profiles.add(p.asText()));
        check(record, c, "", profiles, problems);
        int classUid = record.path("class_uid").asInt(-1);
        if (classUid != c.uid()) {
            problems.add("class_uid " + classUid + ", the class " + className + " is " + c.uid());
        }
        if (record.path("category_uid").asInt(-1) != c.category()) {
            problems.add("category_uid " + record.path("category_uid") + ", the class's category is " + c.category());
        }
        long typeUid = record.path("type_uid").asLong(-1);
        long expected = (long) c.uid() * 100 + record.path("activity_id").asInt();
        if (typeUid != expected) {
            problems.add("type_uid " + typeUid + " is not class_uid * 100 + activity_id = " + expected);
        }
        return problems;
    }

    private void check(JsonNode value, Def def, String path, Set<String> profiles, List<String> problems) {
        for (Attr a : def.attrs().values()) {
            boolean active = a.profile() == null || profiles.contains(a.profile());
            if (active && "required".equals(a.requirement()) && (!value.has(a.name()) || value.get(a.name()).isNull())) {
                problems.add(path + a.name() + ": required by " + def.name() + ", missing");
            }
        }
        if (!def.atLeastOne().isEmpty() && def.atLeastOne().stream().noneMatch(value::has)) {
            problems.add(path + ": " + def.name() + " needs at least one of " + def.atLeastOne());
        }
        if (!def.justOne().isEmpty() && def.justOne().stream().filter(value::has).count() != 1) {
            problems.add(path + ": " + def.name() + " needs exactly one of " + def.justOne());
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            Attr a = def.attrs().get(e.getKey());
            String at = path + e.getKey();
            if (a == null) {
                problems.add(at + ": not an attribute of " + def.name());
                continue;
            }
            if (a.array()) {
                if (!e.getValue().isArray()) {
                    problems.add(at + ": must be an array of " + a.type());
                    continue;
                }
                int i = 0;
                for (JsonNode el : e.getValue()) {
                    checkValue(el, a, at + "[" + i++ + "]", profiles, problems);
                }
            } else {
                checkValue(e.getValue(), a, at, profiles, problems);
            }
            if (a.sibling() != null && value.has(a.sibling()) && !a.enumCaptions().isEmpty()
                    && e.getValue().asInt() != 99) {
                String caption = a.enumCaptions().get(e.getValue().asText());
                if (caption != null && !caption.equals(value.get(a.sibling()).asText())) {
                    problems.add(path + a.sibling() + ": \"" + value.get(a.sibling()).asText() + "\" is not the caption of "
                            + a.name() + " " + e.getValue() + " (\"" + caption + "\")");
                }
            }
        }
    }

    private void checkValue(JsonNode v, Attr a, String at, Set<String> profiles, List<String> problems) {
        if (v.isNull()) {
            problems.add(at + ": null (leave the attribute out instead)");
            return;
        }
        String type = a.type();
        if (types.has(type)) {
            checkPrimitive(v, type, at, problems);
            boolean observable = a.name().equals("type_id") && at.contains("observables");
            if (observable) {
                if (!observableTypes.contains(v.asInt())) {
                    problems.add(at + ": " + v + " is not an observable type");
                }
            } else if (!a.enumCaptions().isEmpty() && !a.enumCaptions().containsKey(v.asText())) {
                problems.add(at + ": " + v + " is not one of " + a.enumCaptions().keySet());
            }
            return;
        }
        if (type.equals("object")) {
            if (!v.isObject()) {
                problems.add(at + ": must be an object");
            }
            return;
        }
        if (!v.isObject()) {
            problems.add(at + ": must be a " + type + " object");
            return;
        }
        check(v, object(type), at + ".", profiles, problems);
    }

    /** A value of a dictionary type: its base type's JSON kind, then the derived type's pattern and range. */
    private void checkPrimitive(JsonNode v, String type, String at, List<String> problems) {
        JsonNode t = types.get(type);
        String base = t.has("type") ? t.get("type").asText() : type;
        boolean ok = switch (base) {
            case "string_t" -> v.isTextual();
            case "integer_t" -> v.isInt() || (v.isIntegralNumber() && v.canConvertToInt());
            case "long_t" -> v.isIntegralNumber() && v.canConvertToLong();
            case "float_t" -> v.isNumber();
            case "boolean_t" -> v.isBoolean();
            case "json_t" -> true;
            default -> throw new IllegalArgumentException("OCSF: unknown base type " + base + " of " + type);
        };
        if (!ok) {
            problems.add(at + ": " + v + " is not a " + type);
            return;
        }
        if (t.has("regex") && v.isTextual() && !Pattern.compile(t.get("regex").asText()).matcher(v.asText()).find()) {
            problems.add(at + ": \"" + v.asText() + "\" does not match " + type);
        }
        if (t.has("range") && v.isNumber()) {
            long lo = t.get("range").get(0).asLong();
            long hi = t.get("range").get(1).asLong();
            if (v.asLong() < lo || v.asLong() > hi) {
                problems.add(at + ": " + v + " is outside " + type + "'s range");
            }
        }
        if (t.has("max_len") && v.isTextual() && v.asText().length() > t.get("max_len").asInt()) {
            problems.add(at + ": longer than " + type + "'s " + t.get("max_len") + " characters");
        }
    }
}
