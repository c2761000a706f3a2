package dev.aigateway.plan;

import java.util.List;
import java.util.Map;

/**
 * What {@code pulumi up} would create, as the plan JSON contract describes it. Resources are sorted
 * by URN and maps by key, so the same config always gives the same plan.
 */
public record Plan(String stack, List<PlannedResource> resources, Map<String, Object> outputs, Lint lint) {

    /** One resource with the inputs sent to the provider (SDK property names). */
    public record PlannedResource(String urn, String type, String name, String parent, boolean protect,
            List<String> dependsOn, Map<String, Object> inputs) {}

    /** The verdict of checking every policy document the plan registers. */
    public record Lint(int checked, int largestBytes, List<String> problems) {
        public boolean ok() {
            return problems.isEmpty();
        }
    }
}
