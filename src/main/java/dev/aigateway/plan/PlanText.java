package dev.aigateway.plan;

import dev.aigateway.baseline.Baseline;
import dev.aigateway.components.FragmentDeployments;
import dev.aigateway.plan.Plan.PlannedResource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The readable plan: a resource tree with key inputs, the policies, the outputs and the lint verdict. */
public final class PlanText {
    private static final int MAX_VALUE = 110;

    private PlanText() {}

    public static String render(Plan plan) {
        StringBuilder out = new StringBuilder();
        out.append("Plan for stack '").append(plan.stack()).append("': ").append(plan.resources().size())
                .append(" resources\n\n");
        Map<String, List<PlannedResource>> children = new LinkedHashMap<>();
        for (PlannedResource r : plan.resources()) {
            children.computeIfAbsent(r.parent(), k -> new ArrayList<>()).add(r);
        }
        tree(out, children, null, "");

        out.append("\nPolicies\n");
        for (PlannedResource r : plan.resources()) {
            FragmentDeployments.fragmentsOf(r.inputs()).forEach((id, value) ->
                    block(out, "fragment " + id + " (" + r.name() + ")", value));
            FragmentDeployments.apiPoliciesOf(r.inputs()).forEach((id, value) ->
                    block(out, "ApiPolicy " + id + " (" + r.name() + ")", value));
            if (PlanRunner.policyScope(r.type()) != null) {
                block(out, r.type().substring(r.type().lastIndexOf(':') + 1) + " " + r.name(),
                        String.valueOf(r.inputs().get("value")));
            }
        }

        out.append("\nOutputs\n");
        plan.outputs().forEach((k, v) -> out.append("  ").append(k).append(" = ").append(clip(String.valueOf(v))).append('\n'));

        out.append("\nLint: ").append(plan.lint().checked()).append(" policy documents checked (largest ")
                .append(plan.lint().largestBytes()).append(" bytes), ");
        if (plan.lint().ok()) {
            out.append("no problems\n");
        } else {
            out.append(plan.lint().problems().size()).append(" with problems\n");
            plan.lint().problems().forEach(p -> out.append("  ").append(p).append('\n'));
        }
        baseline(out, plan.baseline());
        Plan.Expressions e = plan.lint().expressions();
        if (e.compiled()) {
            out.append("Expressions: ").append(e.count()).append(" compiled with mcs, ")
                    .append(e.warnings().isEmpty() ? "no warnings" : e.warnings().size() + " warning(s)").append('\n');
            e.warnings().forEach(w -> out.append("  ").append(w).append('\n'));
        } else {
            out.append("Expressions: not compiled (no C# compiler here)\n");
        }
        return out.toString();
    }

    /** The summary, then each rule that fails (resource, input, value) or does not apply or cannot be told (why). */
    static void baseline(StringBuilder out, List<Baseline.Verdict> verdicts) {
        Map<Baseline.Status, Integer> counts = new java.util.EnumMap<>(Baseline.Status.class);
        verdicts.forEach(v -> counts.merge(v.status(), 1, Integer::sum));
        out.append("Baseline: ").append(verdicts.size()).append(" rules: ").append(counts.getOrDefault(Baseline.Status.PASS, 0))
                .append(" pass, ").append(counts.getOrDefault(Baseline.Status.FAIL, 0)).append(" fail, ")
                .append(counts.getOrDefault(Baseline.Status.NOT_APPLICABLE, 0)).append(" do not apply, ")
                .append(counts.getOrDefault(Baseline.Status.CANNOT_TELL, 0)).append(" cannot be told\n");
        for (Baseline.Verdict v : verdicts) {
            switch (v.status()) {
                case FAIL -> v.failures().forEach(f -> out.append("  FAIL ").append(v.rule()).append(" (").append(v.title()).append("): ")
                        .append(f.resource()).append(" ").append(f.input()).append(" = ").append(clip(f.got())).append('\n'));
                case NOT_APPLICABLE -> out.append("  n/a  ").append(v.rule()).append(": ").append(v.reason()).append('\n');
                case CANNOT_TELL -> out.append("  ?    ").append(v.rule()).append(": ").append(v.reason()).append('\n');
                default -> { }
            }
        }
    }

    private static void block(StringBuilder out, String title, String text) {
        out.append("\n--- ").append(title).append(" ---\n").append(text);
        if (!text.endsWith("\n")) {
            out.append('\n');
        }
    }

    private static void tree(StringBuilder out, Map<String, List<PlannedResource>> children, String parent, String indent) {
        List<PlannedResource> list = children.getOrDefault(parent, List.of());
        for (int i = 0; i < list.size(); i++) {
            PlannedResource r = list.get(i);
            boolean last = i == list.size() - 1;
            out.append(indent).append(last ? "└─ " : "├─ ").append(r.type()).append("  ").append(r.name());
            if (r.protect()) {
                out.append("  [protected]");
            }
            out.append('\n');
            String inner = indent + (last ? "   " : "│  ");
            Map<String, String> flat = new LinkedHashMap<>();
            flatten("", r.inputs(), flat);
            boolean policy = PlanRunner.policyScope(r.type()) != null;
            flat.forEach((k, v) -> {
                // Policy text is printed whole under Policies.
                if (!(policy && k.equals("value")) && !k.endsWith(".properties.value")) {
                    out.append(inner).append("    ").append(k).append(" = ").append(clip(v)).append('\n');
                }
            });
            for (String d : r.dependsOn()) {
                out.append(inner).append("    dependsOn ").append(d.substring(d.lastIndexOf("::") + 2)).append('\n');
            }
            tree(out, children, r.urn(), inner);
        }
    }

    private static void flatten(String prefix, Object value, Map<String, String> out) {
        if (value instanceof Map<?, ?> m) {
            if (m.isEmpty() && !prefix.isEmpty()) {
                out.put(prefix, "{}");
            }
            m.forEach((k, v) -> flatten(prefix.isEmpty() ? String.valueOf(k) : prefix + "." + k, v, out));
        } else if (value instanceof Collection<?> c) {
            boolean scalars = c.stream().noneMatch(x -> x instanceof Map || x instanceof Collection);
            if (scalars) {
                out.put(prefix, c.toString());
            } else {
                int i = 0;
                for (Object x : c) {
                    flatten(prefix + "[" + i++ + "]", x, out);
                }
            }
        } else {
            out.put(prefix, String.valueOf(value));
        }
    }

    private static String clip(String s) {
        String one = s.replace("\n", "\\n");
        return one.length() > MAX_VALUE ? one.substring(0, MAX_VALUE - 3) + "..." : one;
    }
}
