package dev.aigateway.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;

/**
 * What no value of this program's config may hold, from a stack file or from the engine alike:
 * explicit nulls (a {@code protect: ~} must not quietly become the default), control characters and
 * non-characters (they reach the provider and the terminal), and strings too long to be
 * configuration.
 */
final class ConfigValues {
    private ConfigValues() {}

    /** Throws a {@link ConfigException} for the first offending value under {@code key}. */
    static void check(String key, JsonNode value) {
        if (value == null || value.isNull()) {
            throw new ConfigException(key, "must not be null: remove the key to take its default", "null");
        }
        if (value.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = value.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                text(key, f.getKey(), "key");
                check(key + "." + f.getKey(), f.getValue());
            }
        } else if (value.isArray()) {
            for (int i = 0; i < value.size(); i++) {
                check(key + "[" + i + "]", value.get(i));
            }
        } else if (value.isTextual()) {
            text(key, value.asText(), "value");
        }
    }

    private static void text(String key, String s, String what) {
        if (s.length() > StrictYaml.MAX_VALUE_CHARS) {
            throw new ConfigException(key, "must be at most " + StrictYaml.MAX_VALUE_CHARS + " characters long", s.length() + " characters");
        }
        for (int i = 0; i < s.length(); ) {
            int c = s.codePointAt(i);
            if (forbidden(c)) {
                throw new ConfigException(key, "must not contain control characters or non-characters in its " + what,
                        String.format("U+%04X at character %d", c, s.codePointCount(0, i) + 1));
            }
            i += Character.charCount(c);
        }
    }

    /**
     * C0 and C1 controls but tab and newline, DEL, lone surrogates, Unicode non-characters, and the
     * bidirectional overrides that make text read differently from what it is.
     */
    static boolean forbidden(int c) {
        if (c == '\t' || c == '\n') {
            return false;
        }
        return c < 0x20 || (c >= 0x7F && c <= 0x9F)
                || (c >= Character.MIN_SURROGATE && c <= Character.MAX_SURROGATE)
                || (c >= 0xFDD0 && c <= 0xFDEF) || (c & 0xFFFE) == 0xFFFE
                || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
    }
}
