package dev.aigateway.components;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The ARM template of a tool API's MCP server: an API of type {@code mcp}, one {@code apis/tools}
 * child per tool naming the REST operation it calls, and the server's policy.
 *
 * <p>azure-native 2.10.0 (APIM API 2022-08-01) has no MCP API type, so the server is deployed as
 * a template, at the API version Learn's "Manage MCP servers programmatically" page requires
 * (2025-09-01-preview or later, pinned). Tools are child resources in that published schema
 * ({@code Microsoft.ApiManagement/service/apis/tools}: displayName, description, operationId), not
 * the {@code mcpTools} property Microsoft's labs set on 2024-06-01-preview, which no published
 * schema has. The operationId is the backing operation's full resource id, as every example of
 * that page does.
 */
public final class McpServerTemplate {
    static final String API_VERSION = "2025-09-01-preview";
    public static final String API_TYPE = "Microsoft.ApiManagement/service/apis";
    public static final String TOOL_TYPE = "Microsoft.ApiManagement/service/apis/tools";
    public static final String POLICY_TYPE = "Microsoft.ApiManagement/service/apis/policies";
    /** The tool resource's description holds at most this many characters. */
    static final int MAX_TOOL_DESCRIPTION = 1000;

    /** One tool: its name (also the backing operation's name) and description. */
    record Tool(String name, String description) {}

    private McpServerTemplate() {}

    static Map<String, Object> template(String serviceName, McpToolConfig config, List<Tool> tools, String policy) {
        String server = config.mcpServerId();
        String serverRef = "[resourceId('" + API_TYPE + "', '" + serviceName + "', '" + server + "')]";
        List<Object> resources = new ArrayList<>();

        Map<String, Object> api = new LinkedHashMap<>();
        api.put("type", "mcp");
        api.put("displayName", FragmentDeployments.armLiteral(config.displayName() + " (MCP)"));
        api.put("description", FragmentDeployments.armLiteral(config.description()));
        api.put("path", config.mcpPath());
        api.put("protocols", List.of("https"));
        api.put("subscriptionRequired", true);
        resources.add(FragmentDeployments.resource(API_TYPE, API_VERSION, serviceName + "/" + server, api));

        for (Tool tool : tools) {
            Map<String, Object> properties = new LinkedHashMap<>();
            properties.put("displayName", tool.name());
            String description = tool.description();
            properties.put("description", FragmentDeployments.armLiteral(description.length() > MAX_TOOL_DESCRIPTION
                    ? description.substring(0, MAX_TOOL_DESCRIPTION - 1) + "…" : description));
            properties.put("operationId", "[resourceId('Microsoft.ApiManagement/service/apis/operations', '" + serviceName + "', '"
                    + config.name() + "', '" + tool.name() + "')]");
            resources.add(dependent(FragmentDeployments.resource(TOOL_TYPE, API_VERSION, serviceName + "/" + server + "/" + tool.name(),
                    properties), serverRef));
        }

        Map<String, Object> policyProperties = new LinkedHashMap<>();
        policyProperties.put("format", "rawxml");
        policyProperties.put("value", FragmentDeployments.armLiteral(policy));
        resources.add(dependent(FragmentDeployments.resource(POLICY_TYPE, API_VERSION, serviceName + "/" + server + "/policy",
                policyProperties), serverRef));
        return FragmentDeployments.template(resources);
    }

    private static Map<String, Object> dependent(Map<String, Object> resource, String on) {
        resource.put("dependsOn", List.of(on));
        return resource;
    }
}
