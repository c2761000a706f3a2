package dev.aigateway.plan;

import dev.aigateway.baseline.Baseline;
import java.util.List;
import java.util.Map;

/**
 * What {@code pulumi up} would create, as the plan JSON contract describes it. Resources are sorted
 * by URN and maps by key, so the same config always gives the same plan.
 */
public record Plan(String stack, List<PlannedResource> resources, Map<String, Object> outputs, Lint lint, List<Baseline.Verdict> baseline) {

    /** A plan whose security baseline verdicts are evaluated from its resources. */
    public Plan(String stack, List<PlannedResource> resources, Map<String, Object> outputs, Lint lint) {
        this(stack, resources, outputs, lint, Baseline.evaluate(PlanJson.resourcesTree(resources)));
    }

    /** Whether any baseline rule fails. */
    public boolean baselineFails() {
        return baseline.stream().anyMatch(v -> v.status() == Baseline.Status.FAIL);
    }

    /** One resource with the inputs sent to the provider (SDK property names). */
    public record PlannedResource(String urn, String type, String name, String parent, boolean protect,
            List<String> dependsOn, Map<String, Object> inputs) {}

    /**
     * The verdict of checking every policy document the plan registers. {@code expressions} is
     * how its policy expressions were compiled; it is not part of the plan JSON, which must not
     * depend on whether the machine has a C# compiler.
     */
    public record Lint(int checked, int largestBytes, List<String> problems, Expressions expressions) {
        public Lint(int checked, int largestBytes, List<String> problems) {
            this(checked, largestBytes, problems, Expressions.NOT_COMPILED);
        }

        public boolean ok() {
            return problems.isEmpty();
        }
    }

    /** The expression compile of a plan: whether it ran, how many expressions, how long, its warnings. */
    public record Expressions(boolean compiled, int count, long millis, List<String> warnings) {
        public static final Expressions NOT_COMPILED = new Expressions(false, 0, 0, List.of());
    }
}
