package io.trailhound.core.inputfile;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * One JSON document read whole and strictly (AWS API output saved to a file): strict UTF-8, a key
 * given twice in one object, or anything after the document, is an error, as is Jackson's nesting
 * depth (1,000), number length (1,000 digits) or key length (50,000) limit. Every error names the
 * file, line and column; {@link #error} does so for a value the caller finds of the wrong type.
 */
public final class JsonInput {
    private static final ObjectMapper JSON = new ObjectMapper(JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build());

    private final String source;
    private final String text;
    private final JsonNode root;

    private JsonInput(String source, String text, JsonNode root) {
        this.source = source;
        this.text = text;
        this.root = root;
    }

    public static JsonInput read(Path file) throws IOException {
        return parse(file.toString(), InputText.read(file));
    }

    public static JsonInput parse(String source, String text) throws InputFormatException {
        try (JsonParser p = JSON.createParser(text)) {
            try {
                JsonNode root = JSON.readTree(p);
                if (root == null) {
                    throw new InputFormatException(source, 0, "empty: no JSON document");
                }
                if (p.nextToken() != null) {
                    throw at(source, p.currentTokenLocation(), "more content after the JSON document", null);
                }
                return new JsonInput(source, text, root);
            } catch (JsonProcessingException e) {
                // limit errors (nesting depth, number or key length) carry no location: the parser stopped there
                JsonLocation where = e.getLocation() != null ? e.getLocation() : p.currentLocation();
                throw at(source, where, "not JSON: " + e.getOriginalMessage(), e);
            }
        } catch (InputFormatException e) {
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a parser over a String does no I/O
        }
    }

    public String source() {
        return source;
    }

    public JsonNode root() {
        return root;
    }

    /** An error about the value at {@code at}: {@code FILE:LINE:COLUMN: /json/pointer: message}. */
    public InputFormatException error(JsonPointer at, String message) {
        return at(source, locate(at), at + ": " + message, null);
    }

    /** A value as an error message shows it: JSON, cut short (it may be anything an attacker wrote). */
    public static String shown(JsonNode value) {
        String s = value.toString();
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }

    private static InputFormatException at(String source, JsonLocation where, String message, Throwable cause) {
        return new InputFormatException(source, where == null ? 0 : Math.max(0, where.getLineNr()),
                where == null ? 0 : Math.max(0, where.getColumnNr()), message, cause);
    }

    /**
     * Where the value at {@code target} starts, found by reading the text again: the tree keeps no
     * locations, and this runs only to report an error. Null when the pointer is not in the text.
     */
    private JsonLocation locate(JsonPointer target) {
        try (JsonParser p = JSON.createParser(text)) {
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                if (t == JsonToken.FIELD_NAME || t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY) {
                    continue;
                }
                // an object or array opens its own context: its path is its parent's
                var context = t.isStructStart() ? p.getParsingContext().getParent() : p.getParsingContext();
                if (context.pathAsPointer().equals(target)) {
                    return p.currentTokenLocation();
                }
            }
        } catch (IOException e) {
            // parsed once already; nothing to locate
        }
        return null;
    }
}
