package dev.aigateway.plan;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aigateway.baseline.Baseline;
import dev.aigateway.plan.Plan.PlannedResource;

/** The plan JSON contract. Field order is fixed and maps are sorted, so output is byte-stable. */
public final class PlanJson {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    private PlanJson() {}

    public static ObjectNode toTree(Plan plan) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("stack", plan.stack());
        root.set("resources", resourcesTree(plan.resources()).get("resources"));
        root.set("outputs", MAPPER.valueToTree(plan.outputs()));
        ObjectNode lint = root.putObject("lint");
        lint.put("checked", plan.lint().checked());
        lint.put("largestBytes", plan.lint().largestBytes());
        ArrayNode problems = lint.putArray("problems");
        plan.lint().problems().forEach(problems::add);
        root.set("baseline", Baseline.toTree(plan.baseline()));
        return root;
    }

    /** {@code {"resources": [...]}}, as the contract writes them; the baseline reads this. */
    public static ObjectNode resourcesTree(java.util.List<PlannedResource> planned) {
        ObjectNode root = MAPPER.createObjectNode();
        ArrayNode resources = root.putArray("resources");
        for (PlannedResource r : planned) {
            ObjectNode node = resources.addObject();
            node.put("urn", r.urn());
            node.put("type", r.type());
            node.put("name", r.name());
            if (r.parent() == null) {
                node.putNull("parent");
            } else {
                node.put("parent", r.parent());
            }
            node.put("protect", r.protect());
            ArrayNode deps = node.putArray("dependsOn");
            r.dependsOn().forEach(deps::add);
            node.set("inputs", MAPPER.valueToTree(r.inputs()));
        }
        return root;
    }

    public static String write(Plan plan) {
        return write(toTree(plan));
    }

    static String write(JsonNode tree) {
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter().withObjectIndenter(new DefaultIndenter("  ", "\n"));
        try {
            return MAPPER.writer(printer).writeValueAsString(tree) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static JsonNode read(String json) throws JsonProcessingException {
        return MAPPER.readTree(json);
    }
}
