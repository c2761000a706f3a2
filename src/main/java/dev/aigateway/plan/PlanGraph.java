package dev.aigateway.plan;

import dev.aigateway.components.BackendConfig;
import dev.aigateway.components.McpToolConfig;
import dev.aigateway.components.OpenAiBackendPool;
import dev.aigateway.components.TenantConfig;
import dev.aigateway.config.GatewayConfig;
import dev.aigateway.plan.Plan.PlannedResource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A stack's topology as a picture: the gateway with its APIs and MCP servers, the tenants'
 * products and what they link, the backends with their deployments by priority and weight, and
 * the gateway identity's role assignments. As Mermaid (GitHub renders it in Markdown) or as
 * Graphviz DOT (for SVG). Deterministic: the same plan gives the same text.
 */
public final class PlanGraph {
    /** Names of the built-in roles the stack assigns, by role definition GUID. */
    private static final Map<String, String> ROLES = Map.of(
            "5e0bd9bd-7b93-4f28-af87-19fc36ad61bd", "Cognitive Services OpenAI User",
            "a97b65f3-24c7-4388-baec-2e87135dc908", "Cognitive Services User",
            "3913510d-42f4-4e42-8a64-420c390055eb", "Monitoring Metrics Publisher");

    record Node(String id, String label, String group, String shape) {}

    record Edge(String from, String to, String label, boolean dotted) {}

    private final Map<String, Node> nodes = new LinkedHashMap<>();
    private final List<Edge> edges = new ArrayList<>();
    private final Map<String, String> groups = new LinkedHashMap<>();

    private PlanGraph() {}

    /** The graph of {@code plan}, planned from {@code config}. */
    public static PlanGraph of(GatewayConfig config, Plan plan) {
        PlanGraph g = new PlanGraph();
        String service = "";
        Map<String, String> accountByScope = new TreeMap<>();
        for (PlannedResource r : plan.resources()) {
            Map<String, Object> in = r.inputs();
            if (r.type().equals("azure-native:apimanagement:ApiManagementService")) {
                service = String.valueOf(in.get("serviceName"));
            }
        }
        g.groups.put("gateway", "API Management " + service + " (" + config.gateway().sku() + " × " + config.gateway().capacity() + ")");
        g.groups.put("tenants", "Tenants");
        g.groups.put("backends", "Model backends");
        g.node("identity", config.gateway().identity() + " identity", null, "round");
        g.node(api(OpenAiBackendPool.API_ID), "API azure-openai<br/>/openai", "gateway", "box");
        for (McpToolConfig tool : config.mcpTools()) {
            g.node(api(tool.name()), "API " + tool.name() + "<br/>/" + tool.path(), "gateway", "box");
            g.node(api(tool.mcpServerId()), "MCP server " + tool.mcpServerId() + "<br/>/" + tool.mcpPath() + "/mcp · "
                    + tool.toolNames().size() + " tools", "gateway", "box");
            g.edges.add(new Edge(api(tool.mcpServerId()), api(tool.name()), "tools/call", false));
            if (tool.contentSafety().isPresent()) {
                g.node("cs_" + id(tool.name()), "Content Safety<br/>screens " + tool.name(), null, "box");
                g.edges.add(new Edge(api(tool.mcpServerId()), "cs_" + id(tool.name()), "screens", false));
            }
        }
        if (config.promptSafety().isPresent()) {
            g.node("cs_prompts", "Content Safety<br/>screens prompts", null, "box");
            g.edges.add(new Edge(api(OpenAiBackendPool.API_ID), "cs_prompts", "screens", false));
        }
        for (TenantConfig t : config.tenants()) {
            g.node("tenant_" + id(t.name()), "tenant " + t.name() + "<br/>" + t.tokensPerMinute() + " tokens/min", "tenants", "box");
        }
        for (BackendConfig b : config.backends()) {
            StringBuilder label = new StringBuilder(b.name()).append(b.location().map(l -> " · " + l).orElse(" · existing account"));
            for (BackendConfig.Route route : b.routes()) {
                label.append("<br/>").append(route.deployment()).append(": priority ").append(route.priority()).append(", weight ")
                        .append(route.weight());
            }
            g.node("backend_" + id(b.name()), label.toString(), "backends", "box");
            g.edges.add(new Edge(api(OpenAiBackendPool.API_ID), "backend_" + id(b.name()), "priority " + b.priority(), false));
        }
        for (PlannedResource r : plan.resources()) {
            Map<String, Object> in = r.inputs();
            switch (r.type()) {
                case "azure-native:apimanagement:ProductApi" -> {
                    String tenant = "tenant_" + id(String.valueOf(in.get("productId")));
                    if (g.nodes.containsKey(tenant)) {
                        g.edges.add(new Edge(tenant, api(String.valueOf(in.get("apiId"))), null, false));
                    }
                }
                case "azure-native:authorization:RoleAssignment" -> {
                    String role = ROLES.getOrDefault(lastSegment(String.valueOf(in.get("roleDefinitionId"))), "role");
                    String target = target(config, String.valueOf(in.get("scope")));
                    if (target != null) {
                        g.edges.add(new Edge("identity", target, role, true));
                    }
                }
                default -> { }
            }
        }
        return g;
    }

    /** Which node a role assignment's scope is: a backend's account or a Content Safety account. */
    private static String target(GatewayConfig config, String scope) {
        String account = lastSegment(scope);
        for (BackendConfig b : config.backends()) {
            if (b.existingAccountId().map(id -> id.equalsIgnoreCase(scope)).orElse(false)
                    || !account.contains("-cs-") && (account.contains("-" + b.name() + "-") || account.endsWith("-" + b.name()))) {
                return "backend_" + id(b.name());
            }
        }
        if (account.contains("-cs-prompts-")) {
            return "cs_prompts";
        }
        for (McpToolConfig tool : config.mcpTools()) {
            if (account.contains("-cs-" + tool.name() + "-")) {
                return "cs_" + id(tool.name());
            }
        }
        return null;
    }

    private void node(String id, String label, String group, String shape) {
        nodes.put(id, new Node(id, label, group, shape));
    }

    private static String api(String apiId) {
        return "api_" + id(apiId);
    }

    private static String id(String s) {
        return s.replaceAll("[^A-Za-z0-9]", "_");
    }

    private static String lastSegment(String s) {
        return s.substring(s.lastIndexOf('/') + 1);
    }

    /** Mermaid flowchart text. */
    public String mermaid() {
        StringBuilder out = new StringBuilder("flowchart LR\n");
        for (Map.Entry<String, String> group : groups.entrySet()) {
            List<Node> members = nodes.values().stream().filter(n -> group.getKey().equals(n.group())).toList();
            if (members.isEmpty()) {
                continue;
            }
            out.append("  subgraph ").append(group.getKey()).append("[\"").append(group.getValue()).append("\"]\n");
            members.forEach(n -> out.append("    ").append(mermaidNode(n)).append('\n'));
            out.append("  end\n");
        }
        nodes.values().stream().filter(n -> n.group() == null).forEach(n -> out.append("  ").append(mermaidNode(n)).append('\n'));
        for (Edge e : edges) {
            out.append("  ").append(e.from()).append(e.dotted() ? " -.->" : " -->")
                    .append(e.label() == null ? "" : "|\"" + e.label() + "\"|").append(' ').append(e.to()).append('\n');
        }
        return out.toString();
    }

    private static String mermaidNode(Node n) {
        String text = "\"" + n.label().replace("\"", "'") + "\"";
        return n.id() + (n.shape().equals("round") ? "([" + text + "])" : "[" + text + "]");
    }

    /** Graphviz DOT text, for {@code dot -Tsvg}. */
    public String dot() {
        StringBuilder out = new StringBuilder("digraph topology {\n  rankdir=LR;\n  node [shape=box, fontname=\"Helvetica\", fontsize=10];\n"
                + "  edge [fontname=\"Helvetica\", fontsize=9];\n");
        for (Map.Entry<String, String> group : groups.entrySet()) {
            List<Node> members = nodes.values().stream().filter(n -> group.getKey().equals(n.group())).toList();
            if (members.isEmpty()) {
                continue;
            }
            out.append("  subgraph cluster_").append(group.getKey()).append(" {\n    label=").append(quote(group.getValue())).append(";\n");
            members.forEach(n -> out.append("    ").append(dotNode(n)).append('\n'));
            out.append("  }\n");
        }
        nodes.values().stream().filter(n -> n.group() == null).forEach(n -> out.append("  ").append(dotNode(n)).append('\n'));
        for (Edge e : edges) {
            out.append("  ").append(e.from()).append(" -> ").append(e.to());
            List<String> attrs = new ArrayList<>();
            if (e.label() != null) {
                attrs.add("label=" + quote(e.label()));
            }
            if (e.dotted()) {
                attrs.add("style=dashed");
            }
            out.append(attrs.isEmpty() ? "" : " [" + String.join(", ", attrs) + "]").append(";\n");
        }
        return out.append("}\n").toString();
    }

    private static String dotNode(Node n) {
        return n.id() + " [label=" + quote(n.label().replace("<br/>", "\\n")) + (n.shape().equals("round") ? ", shape=ellipse" : "") + "];";
    }

    private static String quote(String s) {
        return "\"" + s.replace("\"", "\\\"") + "\"";
    }
}
