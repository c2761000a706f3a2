package dev.aigateway.plan;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/** What changed between an earlier plan JSON and this one: resources by URN, inputs by path. */
public final class PlanDiff {
    private PlanDiff() {}

    public static String render(JsonNode before, JsonNode after) {
        Map<String, JsonNode> old = byUrn(before);
        Map<String, JsonNode> now = byUrn(after);
        List<String> lines = new ArrayList<>();
        int add = 0;
        int change = 0;
        int delete = 0;
        TreeSet<String> urns = new TreeSet<>(old.keySet());
        urns.addAll(now.keySet());
        for (String urn : urns) {
            JsonNode o = old.get(urn);
            JsonNode n = now.get(urn);
            String label = n != null ? n.get("type").asText() + "  " + n.get("name").asText()
                    : o.get("type").asText() + "  " + o.get("name").asText();
            if (o == null) {
                add++;
                lines.add("+ " + label);
            } else if (n == null) {
                delete++;
                lines.add("- " + label);
            } else {
                Map<String, String> a = flatten(o);
                Map<String, String> b = flatten(n);
                TreeSet<String> paths = new TreeSet<>(a.keySet());
                paths.addAll(b.keySet());
                List<String> changed = new ArrayList<>();
                for (String p : paths) {
                    String x = a.get(p);
                    String y = b.get(p);
                    if (x == null || !x.equals(y)) {
                        changed.add("    " + p + ": " + clip(x) + " => " + clip(y));
                    }
                }
                if (!changed.isEmpty()) {
                    change++;
                    lines.add("~ " + label);
                    lines.addAll(changed);
                }
            }
        }
        Map<String, String> oldOut = flatten(before.path("outputs"), "outputs");
        Map<String, String> newOut = flatten(after.path("outputs"), "outputs");
        TreeSet<String> outs = new TreeSet<>(oldOut.keySet());
        outs.addAll(newOut.keySet());
        for (String p : outs) {
            if (!String.valueOf(oldOut.get(p)).equals(String.valueOf(newOut.get(p)))) {
                lines.add("~ " + p + ": " + clip(oldOut.get(p)) + " => " + clip(newOut.get(p)));
            }
        }
        StringBuilder out = new StringBuilder("Changes: " + add + " to add, " + change + " to change, " + delete + " to delete\n");
        lines.forEach(l -> out.append(l).append('\n'));
        return out.toString();
    }

    private static Map<String, JsonNode> byUrn(JsonNode plan) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        plan.path("resources").forEach(r -> out.put(r.get("urn").asText(), r));
        return out;
    }

    /** Inputs, parent, protect and dependsOn of one resource as path to JSON text. */
    private static Map<String, String> flatten(JsonNode resource) {
        Map<String, String> out = new TreeMap<>();
        out.put("parent", resource.path("parent").toString());
        out.put("protect", resource.path("protect").toString());
        out.put("dependsOn", resource.path("dependsOn").toString());
        out.putAll(flatten(resource.path("inputs"), "inputs"));
        return out;
    }

    private static Map<String, String> flatten(JsonNode node, String prefix) {
        Map<String, String> out = new TreeMap<>();
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> out.putAll(flatten(e.getValue(), prefix + "." + e.getKey())));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                out.putAll(flatten(node.get(i), prefix + "[" + i + "]"));
            }
        } else if (!node.isMissingNode()) {
            out.put(prefix, node.toString());
        }
        return out;
    }

    private static String clip(String s) {
        if (s == null) {
            return "(none)";
        }
        String one = s.replace("\\n", " ");
        return one.length() > 100 ? one.substring(0, 97) + "..." : one;
    }
}
