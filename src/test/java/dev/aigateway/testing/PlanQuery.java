package dev.aigateway.testing;

import dev.aigateway.plan.Plan;
import dev.aigateway.plan.Plan.PlannedResource;
import java.util.List;
import java.util.Map;

/** Reads a plan the way the tests ask about it: resources by type and name, inputs by path. */
public record PlanQuery(Plan plan) {

    public List<PlannedResource> ofType(String type) {
        return plan.resources().stream().filter(r -> r.type().equals(type)).toList();
    }

    public PlannedResource get(String type, String name) {
        return plan.resources().stream()
                .filter(r -> r.type().equals(type) && r.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + type + " named " + name + " in " + names()));
    }

    public List<String> names() {
        return plan.resources().stream().map(PlannedResource::name).toList();
    }

    /** An input by dotted path, with [i] for list items: {@code properties.template.resources[0].name}. */
    public static Object input(PlannedResource r, String path) {
        Object current = r.inputs();
        for (String part : path.split("\\.")) {
            int bracket = part.indexOf('[');
            String key = bracket < 0 ? part : part.substring(0, bracket);
            current = ((Map<?, ?>) current).get(key);
            if (bracket >= 0) {
                int index = Integer.parseInt(part.substring(bracket + 1, part.length() - 1));
                current = ((List<?>) current).get(index);
            }
            if (current == null) {
                return null;
            }
        }
        return current;
    }

    public static String string(PlannedResource r, String path) {
        Object v = input(r, path);
        return v == null ? null : v.toString();
    }
}
