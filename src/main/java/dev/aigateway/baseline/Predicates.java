package dev.aigateway.baseline;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aigateway.baseline.Baseline.Resource;
import java.util.ArrayList;
import java.util.List;

/**
 * What a rule requires of one planned resource. A path is dotted ({@code tls.validateCertificateChain}),
 * may fan out over a list ({@code additionalLocations[*].disableGateway}), may offer alternatives
 * ({@code serviceUrl|url}: the first present), or is a list of literal segments for keys that
 * hold dots.
 */
final class Predicates {
    private Predicates() {}

    record Result(boolean ok, String input, String got) {
        static Result pass() {
            return new Result(true, null, null);
        }
    }

    static Result holds(JsonNode p, Resource r, List<Resource> all) {
        if (p.has("builtin")) {
            return Builtins.check(p.get("builtin").asText(), r, all);
        }
        String input = describePath(p.get("path"));
        List<JsonNode> values = values(r.inputs(), p.get("path"));
        boolean ok;
        if (p.has("equals")) {
            ok = !values.isEmpty() && values.stream().allMatch(v -> same(v, p.get("equals")));
        } else if (p.has("in")) {
            ok = !values.isEmpty() && values.stream().allMatch(v -> contains(p.get("in"), v));
        } else if (p.has("notIn")) {
            ok = values.stream().noneMatch(v -> contains(p.get("notIn"), v));
        } else if (p.has("startsWith")) {
            ok = !values.isEmpty() && values.stream().allMatch(v -> v.isTextual() && v.asText().startsWith(p.get("startsWith").asText()));
        } else if (p.has("matches")) {
            ok = !values.isEmpty() && values.stream().allMatch(v -> v.isTextual() && v.asText().matches(p.get("matches").asText()));
        } else if (p.has("atLeast")) {
            JsonNode min = p.get("atLeast");
            ok = !values.isEmpty() && values.stream().allMatch(v -> min.isNumber() ? v.isNumber() && v.asDouble() >= min.asDouble()
                    : v.isTextual() && v.asText().compareTo(min.asText()) >= 0);
        } else if (p.has("nonEmpty")) {
            ok = !values.isEmpty() && values.stream().allMatch(v -> !v.isNull() && !(v.isTextual() && v.asText().isBlank())
                    && !(v.isContainerNode() && v.isEmpty()));
        } else if (p.has("minSize")) {
            int size = values.isEmpty() ? 0 : values.get(0).isArray() ? values.get(0).size() : 1;
            ok = size >= p.get("minSize").asInt();
        } else {
            throw new IllegalStateException("baseline rule predicate without a check: " + p);
        }
        return ok ? Result.pass() : new Result(false, input, values.isEmpty() ? "nothing" : describe(values));
    }

    /** JSON equality, with numbers compared by value (a planned 0 may be a long, the rule's an int). */
    private static boolean same(JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue()) == 0;
        }
        return a.equals(b);
    }

    private static boolean contains(JsonNode set, JsonNode v) {
        for (JsonNode s : set) {
            if (same(s, v)) {
                return true;
            }
        }
        return false;
    }

    /** The values at {@code path}; empty when it is missing. */
    static List<JsonNode> values(JsonNode root, JsonNode path) {
        if (path.isArray()) {
            JsonNode n = root;
            for (JsonNode segment : path) {
                n = n.path(segment.asText());
            }
            return n.isMissingNode() || n.isNull() ? List.of() : List.of(n);
        }
        for (String alternative : path.asText().split("\\|")) {
            List<JsonNode> found = new ArrayList<>(List.of(root));
            for (String segment : alternative.split("\\.")) {
                boolean each = segment.endsWith("[*]");
                String key = each ? segment.substring(0, segment.length() - 3) : segment;
                List<JsonNode> next = new ArrayList<>();
                for (JsonNode n : found) {
                    JsonNode child = n.path(key);
                    if (each) {
                        child.forEach(next::add);
                    } else if (!child.isMissingNode() && !child.isNull()) {
                        next.add(child);
                    }
                }
                found = next;
            }
            if (!found.isEmpty()) {
                return found;
            }
        }
        return List.of();
    }

    private static String describePath(JsonNode path) {
        if (path.isArray()) {
            List<String> segments = new ArrayList<>();
            path.forEach(s -> segments.add(s.asText()));
            return String.join(".", segments);
        }
        return path.asText();
    }

    static String describe(List<JsonNode> values) {
        String text = values.size() == 1 ? values.get(0).toString() : values.toString();
        return text.length() > 120 ? text.substring(0, 117) + "..." : text;
    }
}
