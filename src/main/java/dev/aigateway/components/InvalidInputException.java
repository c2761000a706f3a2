package dev.aigateway.components;

import java.util.List;
import java.util.Optional;

/**
 * An input value a component refuses: the key it was given under (a path such as
 * {@code backends[1].weight}), the rule it breaks, and the value. The message is the one line a
 * user sees: {@code backends[1].weight: must be at least 1 (got 0)}.
 */
public final class InvalidInputException extends IllegalArgumentException {
    private final String key;
    private final String rule;
    private final transient Object value;
    private final List<String> mentioned;
    private final boolean redacted;

    public InvalidInputException(String key, String rule, Object value) {
        this(key, rule, value, List.of(), false);
    }

    private InvalidInputException(String key, String rule, Object value, List<String> mentioned, boolean redacted) {
        super(key + ": " + rule + " (got " + describe(value) + ")");
        this.key = key;
        this.rule = rule;
        this.value = value;
        this.mentioned = mentioned;
        this.redacted = redacted;
    }

    /** The same refusal, noting that its rule names another key (so a caller that renames keys can rename it too). */
    public InvalidInputException mentioning(String otherKey) {
        List<String> all = new java.util.ArrayList<>(mentioned);
        all.add(otherKey);
        return new InvalidInputException(key, rule, value, List.copyOf(all), redacted);
    }

    /** The same refusal, whose value is shown with a credential masked: callers must show it as it is, not the value given. */
    public InvalidInputException redacted() {
        return new InvalidInputException(key, rule, value, mentioned, true);
    }

    /** Whether {@link #value()} masks part of what was given, and must be shown instead of it. */
    public boolean isRedacted() {
        return redacted;
    }

    /** Keys the rule text names, besides {@link #key()}. */
    public List<String> mentioned() {
        return mentioned;
    }

    /** The key path, relative to whatever was checked. */
    public String key() {
        return key;
    }

    public String rule() {
        return rule;
    }

    /** The refused value (null when it was missing). */
    public Object value() {
        return value;
    }

    /** The same refusal, with its key placed under {@code prefix} ({@code backends[1]} + {@code weight}). */
    public InvalidInputException under(String prefix) {
        String r = rule;
        List<String> keys = new java.util.ArrayList<>();
        for (String m : mentioned) {
            r = r.replace(m, join(prefix, m));
            keys.add(join(prefix, m));
        }
        return new InvalidInputException(join(prefix, key), r, value, List.copyOf(keys), redacted);
    }

    static String join(String prefix, String key) {
        if (prefix.isEmpty() || key.isEmpty()) {
            return prefix + key;
        }
        return key.startsWith("[") ? prefix + key : prefix + "." + key;
    }

    /** A value as the message shows it: strings quoted, nothing as "nothing", long values cut. */
    static String describe(Object value) {
        if (value instanceof Optional<?> o) {
            return o.map(InvalidInputException::describe).orElse("nothing");
        }
        if (value == null) {
            return "nothing";
        }
        String text;
        if (value instanceof String s) {
            text = quote(s);
        } else if (value instanceof List<?> list) {
            StringBuilder b = new StringBuilder("[");
            for (Object item : list) {
                b.append(b.length() > 1 ? "," : "").append(item instanceof String s ? quote(s) : String.valueOf(item));
            }
            text = b.append(']').toString();
        } else {
            text = String.valueOf(value);
        }
        return text.length() > 80 ? text.substring(0, 77) + "..." : text;
    }

    private static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04X", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
