package dev.aigateway.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A config value together with its key path, so that every rejection can name the key, the value
 * and the rule. Missing keys are represented by a missing node.
 */
final class ConfigNode {
    private final String path;
    private final JsonNode node;

    ConfigNode(String path, JsonNode node) {
        this.path = path;
        this.node = node == null ? MissingNode.getInstance() : node;
    }

    String path() { return path; }

    boolean isBoolean() {
        return node != null && (node.isBoolean() || (node.isTextual() && (node.asText().equals("true") || node.asText().equals("false"))));
    }

    boolean isObject() {
        return node.isObject();
    }

    boolean isPresent() {
        return !node.isMissingNode() && !node.isNull();
    }

    ConfigNode field(String name) {
        return new ConfigNode(path + "." + name, node.get(name));
    }

    ConfigException reject(String rule) {
        return new ConfigException(path, rule, describe(node));
    }

    static String describe(JsonNode node) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return "nothing";
        }
        if (node.isTextual()) {
            // A refused value is echoed, but never a screenful of it.
            String text = node.toString();
            return text.length() > 200 ? text.substring(0, 196) + "...\"" : text;
        }
        String text = node.toString();
        return text.length() > 80 ? text.substring(0, 77) + "..." : text;
    }

    /** A mapping whose keys must all be in {@code allowed}. */
    ConfigNode requireObject(Set<String> allowed) {
        if (!isPresent()) {
            throw reject("is required");
        }
        if (!node.isObject()) {
            throw reject("must be a mapping");
        }
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw new ConfigException(path + "." + name,
                        "unknown key; expected one of " + String.join(", ", new TreeSet<>(allowed)), describe(node.get(name)));
            }
        }
        return this;
    }

    List<ConfigNode> requireList(int min) {
        if (!isPresent()) {
            throw reject("is required");
        }
        if (!node.isArray()) {
            throw reject("must be a list");
        }
        if (node.size() < min) {
            throw reject("must have at least " + min + " entr" + (min == 1 ? "y" : "ies"));
        }
        List<ConfigNode> items = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            items.add(new ConfigNode(path + "[" + i + "]", node.get(i)));
        }
        return items;
    }

    String requireString() {
        if (!isPresent()) {
            throw reject("is required");
        }
        if (!node.isValueNode() || node.isBoolean()) {
            throw reject("must be a string");
        }
        String value = node.asText();
        if (value.isBlank()) {
            throw reject("must not be empty");
        }
        return value;
    }

    Optional<String> optionalString() {
        return isPresent() ? Optional.of(requireString()) : Optional.empty();
    }

    String stringOr(String fallback) {
        return optionalString().orElse(fallback);
    }

    /** A whole number that fits an int; its range is the input type's rule. */
    int intOr(int fallback) {
        return isPresent() ? requireInt() : fallback;
    }

    int requireInt() {
        long value = requireLong();
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            throw reject("must be at most " + Integer.MAX_VALUE);
        }
        return (int) value;
    }

    long requireLong() {
        if (!isPresent()) {
            throw reject("is required");
        }
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            return node.longValue();
        }
        if (node.isTextual() && node.asText().matches("-?\\d{1,18}")) {
            return Long.parseLong(node.asText());
        }
        throw reject("must be a whole number");
    }

    boolean boolOr(boolean fallback) {
        if (!isPresent()) {
            return fallback;
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isTextual() && (node.asText().equals("true") || node.asText().equals("false"))) {
            return Boolean.parseBoolean(node.asText());
        }
        throw reject("must be true or false");
    }

    <E extends Enum<E>> E enumOr(Class<E> type, E fallback) {
        if (!isPresent()) {
            return fallback;
        }
        String value = requireString();
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(value)) {
                return constant;
            }
        }
        List<String> names = new ArrayList<>();
        for (E constant : type.getEnumConstants()) {
            names.add(constant.name());
        }
        throw reject("must be one of " + String.join(", ", names));
    }
}
