package dev.aigateway.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What changed between an earlier plan JSON and this one, for a reviewer: resources by URN; new
 * and deleted ones with their key inputs; changed inputs by path, multi-line text (policies,
 * fragments) as a unified diff of its lines; and changes Azure cannot apply in place marked as
 * replacements. As text, or as Markdown for a pull request comment.
 */
public final class PlanDiff {
    /** What happens to a resource. */
    public enum Kind {
        ADD("+", "add"), CHANGE("~", "change"), REPLACE("+-", "replace"), DELETE("-", "delete");

        final String mark;
        final String word;

        Kind(String mark, String word) {
            this.mark = mark;
            this.word = word;
        }
    }

    /** One resource's change: its lines are the details shown under it. */
    public record Change(Kind kind, String type, String name, List<String> lines) {}

    /**
     * Inputs whose change makes Azure create a new resource rather than update it: where it lives
     * and what it is. A resource's own name input (PlanMocks.nameInput) is added per type.
     */
    static final Set<String> REPLACING = Set.of("location", "kind", "resourceGroupName", "serviceName", "accountName", "apiId",
            "productId", "scope", "principalId", "roleDefinitionId");
    private static final int KEY_INPUTS = 12;
    private static final int CONTEXT_LINES = 2;

    private PlanDiff() {}

    /** The changes, ordered by URN, then the changed stack outputs as {@code outputs.<name>} lines. */
    public static List<Change> changes(JsonNode before, JsonNode after) {
        Map<String, JsonNode> old = byUrn(before);
        Map<String, JsonNode> now = byUrn(after);
        TreeSet<String> urns = new TreeSet<>(old.keySet());
        urns.addAll(now.keySet());
        List<Change> out = new ArrayList<>();
        for (String urn : urns) {
            JsonNode o = old.get(urn);
            JsonNode n = now.get(urn);
            JsonNode any = n != null ? n : o;
            String type = any.get("type").asText();
            String name = any.get("name").asText();
            if (o == null || n == null) {
                out.add(new Change(o == null ? Kind.ADD : Kind.DELETE, type, name, keyInputs(any)));
                continue;
            }
            Map<String, JsonNode> a = flatten(o);
            Map<String, JsonNode> b = flatten(n);
            TreeSet<String> paths = new TreeSet<>(a.keySet());
            paths.addAll(b.keySet());
            List<String> lines = new ArrayList<>();
            boolean replace = false;
            for (String p : paths) {
                JsonNode x = a.get(p);
                JsonNode y = b.get(p);
                if (same(x, y)) {
                    continue;
                }
                boolean forces = forcesReplacement(type, p);
                replace |= forces;
                lines.addAll(changed(p, x, y, forces));
            }
            if (!lines.isEmpty()) {
                out.add(new Change(replace ? Kind.REPLACE : Kind.CHANGE, type, name, lines));
            }
        }
        return out;
    }

    /** The diff as text: a summary line, then each change with its details. */
    public static String render(JsonNode before, JsonNode after) {
        List<Change> changes = changes(before, after);
        StringBuilder out = new StringBuilder(summary(changes)).append('\n');
        for (Change c : changes) {
            out.append(c.kind().mark).append(' ').append(c.type()).append("  ").append(c.name()).append('\n');
            c.lines().forEach(l -> out.append("    ").append(l).append('\n'));
        }
        outputs(before, after).forEach(l -> out.append("~ ").append(l).append('\n'));
        return out.toString();
    }

    /** The diff as Markdown: a table per resource type, then each change collapsed. */
    public static String markdown(JsonNode before, JsonNode after) {
        List<Change> changes = changes(before, after);
        List<String> outputs = outputs(before, after);
        StringBuilder out = new StringBuilder("### Plan for stack `").append(after.path("stack").asText()).append("`: ")
                .append(summary(changes).substring("Changes: ".length())).append("\n\n");
        if (changes.isEmpty() && outputs.isEmpty()) {
            return out.append("No changes.\n\n").toString();
        }
        Map<String, int[]> perType = new TreeMap<>();
        changes.forEach(c -> perType.computeIfAbsent(c.type(), k -> new int[4])[c.kind().ordinal()]++);
        out.append("| type | add | change | replace | delete |\n|---|---:|---:|---:|---:|\n");
        perType.forEach((type, n) -> out.append("| `").append(type).append("` | ").append(n[0]).append(" | ").append(n[1]).append(" | ")
                .append(n[2]).append(" | ").append(n[3]).append(" |\n"));
        out.append('\n');
        for (Change c : changes) {
            out.append("<details><summary><code>").append(c.kind().mark).append(' ').append(c.type()).append("</code> <b>").append(c.name())
                    .append("</b>").append(c.kind() == Kind.REPLACE ? " (replaced)" : "").append("</summary>\n\n~~~diff\n");
            c.lines().forEach(l -> out.append(l).append('\n'));
            // Tildes, not backticks: a policy or description line of ``` cannot end the block early.
            out.append("~~~\n\n</details>\n\n");
        }
        if (!outputs.isEmpty()) {
            out.append("<details><summary>Stack outputs</summary>\n\n~~~diff\n");
            outputs.forEach(l -> out.append(l).append('\n'));
            out.append("~~~\n\n</details>\n\n");
        }
        return out.toString();
    }

    private static String summary(List<Change> changes) {
        int[] n = new int[4];
        changes.forEach(c -> n[c.kind().ordinal()]++);
        return "Changes: " + n[0] + " to add, " + n[1] + " to change, " + n[2] + " to replace, " + n[3] + " to delete";
    }

    static boolean forcesReplacement(String type, String path) {
        if (!path.startsWith("inputs.") || path.indexOf('.', "inputs.".length()) >= 0 || path.indexOf('[') >= 0) {
            return false;
        }
        String input = path.substring("inputs.".length());
        return REPLACING.contains(input) || input.equals(PlanMocks.nameInput(type));
    }

    /** The lines of one changed value: a unified diff for multi-line text, else old => new. */
    private static List<String> changed(String path, JsonNode x, JsonNode y, boolean forces) {
        String note = forces ? "  (forces replacement)" : "";
        if (x != null && y != null && x.isTextual() && y.isTextual() && (x.asText().contains("\n") || y.asText().contains("\n"))) {
            List<String> lines = new ArrayList<>();
            lines.add(path + ":" + note);
            List<String> from = x.asText().lines().toList();
            List<String> to = y.asText().lines().toList();
            List<String> unified = UnifiedDiffUtils.generateUnifiedDiff(path, path, from, DiffUtils.diff(from, to), CONTEXT_LINES);
            lines.addAll(unified.subList(Math.min(2, unified.size()), unified.size())); // drop the ---/+++ file header
            return lines;
        }
        String a = show(x);
        String b = show(y);
        if (x != null && y != null && a.equals(b)) {
            // Clipped alike: show both around where they first differ.
            String full = x.toString();
            String other = y.toString();
            int at = 0;
            while (at < full.length() && at < other.length() && full.charAt(at) == other.charAt(at)) {
                at++;
            }
            a = around(full, at);
            b = around(other, at);
        }
        return List.of(path + ": " + a + " => " + b + note);
    }

    /** About 100 characters of {@code s} around {@code at}, with ellipses where it is cut. */
    private static String around(String s, int at) {
        int from = Math.max(0, at - 40);
        int to = Math.min(s.length(), from + 100);
        return (from > 0 ? "..." : "") + s.substring(from, to) + (to < s.length() ? "..." : "");
    }

    /** A new or deleted resource's scalar inputs, long text counted in lines. */
    private static List<String> keyInputs(JsonNode resource) {
        List<String> lines = new ArrayList<>();
        Map<String, JsonNode> inputs = flatten(resource.path("inputs"), "inputs");
        int shown = 0;
        for (Map.Entry<String, JsonNode> e : inputs.entrySet()) {
            if (shown == KEY_INPUTS) {
                lines.add("… " + (inputs.size() - KEY_INPUTS) + " more inputs");
                break;
            }
            lines.add(e.getKey().substring("inputs.".length()) + " = " + show(e.getValue()));
            shown++;
        }
        return lines;
    }

    private static List<String> outputs(JsonNode before, JsonNode after) {
        Map<String, JsonNode> oldOut = flatten(before.path("outputs"), "outputs");
        Map<String, JsonNode> newOut = flatten(after.path("outputs"), "outputs");
        TreeSet<String> paths = new TreeSet<>(oldOut.keySet());
        paths.addAll(newOut.keySet());
        List<String> lines = new ArrayList<>();
        for (String p : paths) {
            JsonNode x = oldOut.get(p);
            JsonNode y = newOut.get(p);
            if (!same(x, y)) {
                lines.add(p + ": " + show(x) + " => " + show(y));
            }
        }
        return lines;
    }

    /** Equal as JSON text: a plan read back from a file holds its numbers in other node types. */
    private static boolean same(JsonNode x, JsonNode y) {
        return x != null && y != null && x.toString().equals(y.toString());
    }

    private static Map<String, JsonNode> byUrn(JsonNode plan) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        plan.path("resources").forEach(r -> out.put(r.get("urn").asText(), r));
        return out;
    }

    /**
     * Inputs, parent and protect of one resource, by path. Not dependsOn: a change of it alone
     * updates nothing in Azure, and its URNs are too long to read in a one-line diff.
     */
    private static Map<String, JsonNode> flatten(JsonNode resource) {
        Map<String, JsonNode> out = new TreeMap<>();
        out.put("parent", resource.path("parent"));
        out.put("protect", resource.path("protect"));
        out.putAll(flatten(resource.path("inputs"), "inputs"));
        return out;
    }

    private static Map<String, JsonNode> flatten(JsonNode node, String prefix) {
        Map<String, JsonNode> out = new TreeMap<>();
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> out.putAll(flatten(e.getValue(), prefix + "." + e.getKey())));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                out.putAll(flatten(node.get(i), prefix + "[" + i + "]"));
            }
        } else if (!node.isMissingNode()) {
            out.put(prefix, node);
        }
        return out;
    }

    private static String show(JsonNode v) {
        if (v == null || v.isMissingNode()) {
            return "(none)";
        }
        if (v.isTextual() && v.asText().contains("\n")) {
            return "(" + v.asText().lines().count() + " lines of text)";
        }
        String one = v.toString();
        return one.length() > 100 ? one.substring(0, 97) + "..." : one;
    }
}
