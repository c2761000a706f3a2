package dev.aigateway.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stack file read as plain data, and nothing a YAML reader may take differently from the
 * Pulumi CLI: duplicate keys (the last would silently win), aliases (an anchor alone is harmless),
 * tags (including binary), several documents, and number forms YAML 1.1 and 1.2 read differently (0x1F, 0o17,
 * 1_000). Words such as {@code yes} stay strings, as YAML 1.2 reads them, so a boolean key refuses
 * them instead of guessing. Keys are named as the stack file's config section names them
 * ({@code ai-gateway:gateway.protect}, {@code ai-gateway:backends[1].weight}).
 */
final class StrictYaml {
    /** No configuration value needs more; longer ones are refused before the YAML reader spends seconds on them. */
    static final int MAX_VALUE_CHARS = 4096;
    /** A stack file larger than this is refused whole, whatever holds the bulk. */
    static final int MAX_FILE_CHARS = 4 * 1024 * 1024;

    private static final YAMLFactory FACTORY = YAMLFactory.builder()
            .enable(YAMLParser.Feature.PARSE_BOOLEAN_LIKE_WORDS_AS_STRINGS)
            // A key with nothing after it is a null, as YAML reads it; a quoted "" stays a string.
            .enable(YAMLParser.Feature.EMPTY_STRING_AS_NULL)
            .build();
    private static final Pattern DECIMAL = Pattern.compile("^-?[0-9]+$");
    private static final Pattern FLOAT = Pattern.compile("^-?[0-9]+(\\.[0-9]+)?([eE][-+]?[0-9]+)?$");

    private StrictYaml() {}

    /** The document's root, or a {@link ConfigException} naming the key and the rule it breaks. */
    static JsonNode read(String text, String fileName) {
        java.util.Optional<Outline.Long> tooLong = Outline.longValue(text);
        if (tooLong.isPresent()) {
            throw tooLong.get().refusal();
        }
        // The YAML reader refuses some of these whole, without saying where: name the key first.
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            if (c != '\r' && ConfigValues.forbidden(c)) {
                throw new ConfigException(Outline.keyAt(text, i), "must not contain control characters or non-characters",
                        String.format("U+%04X at line %d", c, text.substring(0, i).split("\n", -1).length));
            }
            i += Character.charCount(c);
        }
        if (text.length() > MAX_FILE_CHARS) {
            throw new ConfigException(fileName, "must be at most " + MAX_FILE_CHARS / (1024 * 1024) + " MiB", text.length() + " characters");
        }
        try (YAMLParser p = (YAMLParser) FACTORY.createParser(text)) {
            JsonToken first = p.nextToken();
            if (first == null) {
                return null;
            }
            JsonNode root = value(p, "");
            if (p.nextToken() != null) {
                throw new ConfigException(fileName, "must hold one YAML document", "a second document at line " + line(p));
            }
            return root;
        } catch (JsonProcessingException e) {
            throw new ConfigException(fileName, "must be valid YAML: " + firstLine(e.getOriginalMessage()), "a parse error at line "
                    + (e.getLocation() == null ? "?" : e.getLocation().getLineNr()));
        } catch (IOException e) {
            throw new ConfigException(fileName, "must be readable YAML", e.getMessage());
        }
    }

    /** The value at the parser's current token; {@code path} is its key ("" for the root and the config section). */
    private static JsonNode value(YAMLParser p, String path) throws IOException {
        String shown = path.isEmpty() ? "the document" : path;
        if (p.isCurrentAlias()) {
            throw new ConfigException(shown, "must not be a YAML alias: write the value out", "*" + p.getText());
        }
        String tag = p.getTypeId();
        if (tag != null) {
            throw new ConfigException(shown, "must not carry a YAML tag: write a plain value (quote it to make it a string)",
                    "!" + tag.replace("tag:yaml.org,2002:", "!"));
        }
        JsonToken t = p.currentToken();
        switch (t) {
            case START_OBJECT -> {
                ObjectNode object = JsonNodeFactory.instance.objectNode();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    int line = line(p);
                    String child = child(path, name);
                    p.nextToken();
                    JsonNode v = value(p, child);
                    if (object.has(name)) {
                        throw new ConfigException(child, "is given twice in the same mapping (first " + ConfigNode.describe(object.get(name))
                                + ", again at line " + line + "): the last one would silently win", ConfigNode.describe(v));
                    }
                    object.set(name, v);
                }
                return object;
            }
            case START_ARRAY -> {
                ArrayNode array = JsonNodeFactory.instance.arrayNode();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    array.add(value(p, path + "[" + array.size() + "]"));
                }
                return array;
            }
            case VALUE_NUMBER_INT -> {
                if (!DECIMAL.matcher(p.getText()).matches()) {
                    throw new ConfigException(shown, "must be written as a decimal number: YAML readers differ on this form", p.getText());
                }
                return JsonNodeFactory.instance.numberNode(p.getDecimalValue().toBigIntegerExact());
            }
            case VALUE_NUMBER_FLOAT -> {
                if (!FLOAT.matcher(p.getText()).matches()) {
                    throw new ConfigException(shown, "must be written as a decimal number: YAML readers differ on this form", p.getText());
                }
                return JsonNodeFactory.instance.numberNode(p.getDecimalValue());
            }
            case VALUE_STRING -> {
                return JsonNodeFactory.instance.textNode(p.getText());
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                return JsonNodeFactory.instance.booleanNode(t == JsonToken.VALUE_TRUE);
            }
            case VALUE_NULL -> {
                return JsonNodeFactory.instance.nullNode();
            }
            default -> throw new ConfigException(shown, "must be a plain value, a mapping or a list", String.valueOf(t));
        }
    }

    /** The root's keys are sections (config), whose keys are full keys; deeper keys join with '.'. */
    private static String child(String path, String name) {
        if (path.isEmpty()) {
            return name.equals("config") ? "" : name;
        }
        return path + "." + name;
    }

    private static int line(YAMLParser p) {
        return p.currentTokenLocation().getLineNr();
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "parse error";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    /**
     * The keys of a stack file from its indentation alone, before any YAML is read: a YAML reader
     * takes about a second per megabyte and refuses some characters without naming where they are,
     * and a refusal should be instant and name the key. Only block-style structure is followed;
     * what this misses, the checks on the parsed values catch.
     */
    static final class Outline {
        private static final Pattern KEY = Pattern.compile(
                "^(?<indent> *)(?<dash>- +)?(?<key>\"[^\"]*\"|'[^']*'|[^\\s#'\"\\[\\]{},&*!|>%@`-](?:[^#:]|:(?=\\S))*?) *:(?: |$)");
        private static final Pattern ITEM = Pattern.compile("^(?<indent> *)- ");

        private Outline() {}

        /** A key whose value spans more than {@link #MAX_VALUE_CHARS} characters. */
        record Long(String key, int chars, int line) {
            ConfigException refusal() {
                return new ConfigException(key, "must be at most " + MAX_VALUE_CHARS + " characters long", "about " + chars
                        + " characters from line " + line);
            }
        }

        private static final class Open {
            final int column;
            final String path;
            final int start;
            final int line;
            int items;
            boolean hasChildren;

            Open(int column, String path, int start, int line) {
                this.column = column;
                this.path = path;
                this.start = start;
                this.line = line;
            }
        }

        /** The leaf whose value spans the most characters beyond the limit, if any does. */
        static java.util.Optional<Long> longValue(String text) {
            Long[] worst = {null};
            walk(text, text.length(), (o, end) -> {
                int chars = end - o.start;
                if (!o.hasChildren && chars > MAX_VALUE_CHARS && !o.path.isEmpty() && (worst[0] == null || chars > worst[0].chars())) {
                    worst[0] = new Long(o.path, chars, o.line);
                }
            });
            return java.util.Optional.ofNullable(worst[0]);
        }

        /** The key whose line or value holds {@code offset}: the innermost key open there. */
        static String keyAt(String text, int offset) {
            Deque<Open> open = walk(text, offset, (o, end) -> {});
            for (Open o : open) {
                if (!o.path.isEmpty()) {
                    return o.path;
                }
            }
            return "the document";
        }

        /** Reads the lines that start before {@code until}, reporting each key as it closes; returns what is still open. */
        private static Deque<Open> walk(String text, int until, java.util.function.BiConsumer<Open, Integer> closed) {
            Deque<Open> open = new ArrayDeque<>();
            int offset = 0;
            int lineNo = 0;
            while (offset < text.length() && offset <= until) {
                int end = text.indexOf('\n', offset);
                int next = end < 0 ? text.length() : end + 1;
                lineNo++;
                String line = text.substring(offset, Math.min(next, offset + 512));
                String trimmed = line.strip();
                if (!trimmed.isEmpty() && !trimmed.startsWith("#")) {
                    Matcher key = KEY.matcher(line);
                    Matcher item = ITEM.matcher(line);
                    if (key.find()) {
                        int column = key.group("indent").length();
                        close(open, column, offset, closed);
                        if (key.group("dash") != null) {
                            column = push(open, column, offset, lineNo, null) + key.group("dash").length();
                        }
                        push(open, column, offset, lineNo, unquote(key.group("key")));
                    } else if (item.find()) {
                        int column = item.group("indent").length();
                        close(open, column, offset, closed);
                        push(open, column, offset, lineNo, null);
                    } else {
                        close(open, line.length() - line.stripLeading().length(), offset, closed);
                    }
                }
                offset = next;
            }
            if (until >= text.length()) {
                close(open, -1, text.length(), closed);
            }
            return open;
        }

        /** Opens a key ({@code name}) or a list item ({@code null}) at {@code column}; returns the column. */
        private static int push(Deque<Open> open, int column, int offset, int line, String name) {
            Open parent = open.peek();
            String path;
            if (parent == null) {
                path = name == null ? "[0]" : (name.equals("config") ? "" : name);
            } else {
                parent.hasChildren = true;
                path = name == null ? parent.path + "[" + parent.items++ + "]" : (parent.path.isEmpty() ? name : parent.path + "." + name);
            }
            open.push(new Open(column, path, offset, line));
            return column;
        }

        /** Closes what a line at {@code column} ends. */
        private static void close(Deque<Open> open, int column, int offset, java.util.function.BiConsumer<Open, Integer> closed) {
            while (!open.isEmpty() && open.peek().column >= column) {
                closed.accept(open.pop(), offset);
            }
        }

        private static String unquote(String key) {
            return (key.startsWith("\"") || key.startsWith("'")) && key.length() >= 2 ? key.substring(1, key.length() - 1) : key;
        }
    }
}
