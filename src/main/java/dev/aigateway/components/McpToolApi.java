package dev.aigateway.components;

import com.pulumi.azurenative.apimanagement.Api;
import com.pulumi.azurenative.apimanagement.ApiArgs;
import com.pulumi.azurenative.apimanagement.ApiPolicy;
import com.pulumi.azurenative.apimanagement.ApiPolicyArgs;
import com.pulumi.azurenative.apimanagement.enums.Protocol;
import com.pulumi.azurenative.cognitiveservices.Account;
import com.pulumi.azurenative.resources.Deployment;
import com.pulumi.core.Either;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;
import dev.aigateway.mcp.McpTools;
import dev.aigateway.policy.Fragment;
import dev.aigateway.lint.Scope;
import dev.aigateway.policy.PolicyDocument;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import io.modelcontextprotocol.spec.McpSchema;

/**
 * An existing REST API exposed to agents as MCP tools: imported from its OpenAPI document, and
 * served by the gateway as an MCP server (Streamable HTTP at {@code <gateway>/<mcpPath>/mcp})
 * whose tools are the API's operations. The MCP server limits tool calls per agent and, when
 * asked, screens every tool input with Azure AI Content Safety.
 */
public final class McpToolApi extends ComponentResource {
    public static final String TYPE = "ai-gateway:index:McpToolApi";
    /** Cognitive Services User: lets the gateway call text:analyze, and nothing administrative. */
    public static final String COGNITIVE_SERVICES_USER_ROLE = ContentSafetyAccount.COGNITIVE_SERVICES_USER_ROLE;
    /** text:analyze accepts at most 10,000 characters per request. */
    static final int MAX_SCREENED_CHARACTERS = 10_000;

    /** The REST API the tools call. */
    public final Api api;
    /** The MCP server's ARM deployment (API type mcp, its tools and its policy). */
    public final Deployment mcpServer;
    /** The MCP server's API id, known once it is deployed: what a tenant's product links. */
    public final Output<String> mcpServerId;
    /** The URL agents connect to. */
    public final Output<String> mcpServerUrl;
    /** The Content Safety account, when inputs are screened. */
    public final Optional<Account> contentSafetyAccount;

    public McpToolApi(String name, McpToolApiArgs args) {
        this(name, args, null);
    }

    public McpToolApi(String name, McpToolApiArgs args, ComponentResourceOptions options) {
        super(TYPE, name, options);
        AiGateway gateway = args.gateway();
        McpToolConfig tool = args.tool();
        CustomResourceOptions child = CustomResourceOptions.builder().parent(this).build();

        String rateLimitId = "aigw-mcp-" + tool.name() + "-rate-limit";
        String screenId = "aigw-mcp-" + tool.name() + "-screen";
        Map<String, Fragment> fragments = new LinkedHashMap<>();
        fragments.put(rateLimitId, Fragment.render(rateLimitId, "fragments/mcp-rate-limit.xml", Map.of(
                "calls", tool.rateLimit().calls(), "renewalPeriod", tool.rateLimit().renewalPeriod(),
                "anonymousCalls", tool.anonymousRateLimit().calls(), "anonymousRenewalPeriod", tool.anonymousRateLimit().renewalPeriod())));

        Optional<Account> account = Optional.empty();
        List<Resource> dependencies = new ArrayList<>(gateway.fragmentResources);
        if (tool.contentSafety().isPresent()) {
            McpToolConfig.ContentSafety safety = tool.contentSafety().get();
            Output<String> accountName = args.nameSuffix().applyValue(s -> args.namePrefix() + "-cs-" + tool.name() + "-" + s);
            ContentSafetyAccount cs = ContentSafetyAccount.create(name + "-content-safety", accountName, args.location(), gateway,
                    args.protect(), this, "ai-gateway: APIM screens MCP tool inputs with its managed identity");
            account = Optional.of(cs.account());
            dependencies.add(cs.role());
            fragments.put(screenId, Fragment.render(screenId, "fragments/mcp-content-safety.xml", Map.of(
                    "categories", String.join(",", safety.categories()),
                    "threshold", safety.threshold(),
                    "maxCharacters", MAX_SCREENED_CHARACTERS), cs.late(gateway), ContentSafetyAccount.samples(gateway)));
        }
        dependencies.addAll(FragmentDeployments.register(name, fragments, gateway.resourceGroupName, gateway.serviceName, child));

        List<Fragment> visible = new ArrayList<>(gateway.fragments.values());
        visible.addAll(fragments.values());
        String restPolicy = PolicyDocument.render(name + " API policy", "mcp-tool-api.xml", Scope.API,
                Map.of("errorFragment", AiGateway.ERROR_FRAGMENT), visible);
        Map<String, Object> slots = new HashMap<>(Map.of("rateLimitFragment", rateLimitId, "errorFragment", AiGateway.ERROR_FRAGMENT));
        if (account.isPresent()) {
            slots.put("screenFragment", screenId);
        }
        String serverPolicy = PolicyDocument.render(name + " MCP server policy",
                account.isPresent() ? "mcp-server-screened.xml" : "mcp-server.xml", Scope.API, slots, visible);

        this.api = new Api(name + "-api", ApiArgs.builder()
                .resourceGroupName(gateway.resourceGroupName)
                .serviceName(gateway.serviceName)
                .apiId(tool.name())
                .displayName(tool.displayName())
                .description(tool.description())
                .path(tool.path())
                .protocols(Either.ofRight(Protocol.Https))
                .apiType("http")
                .format(tool.document().importFormat())
                .value(tool.document().importValue())
                .serviceUrl(tool.serviceUrl())
                .subscriptionRequired(true)
                .build(), child);

        new ApiPolicy(name + "-api-policy", ApiPolicyArgs.builder()
                .resourceGroupName(gateway.resourceGroupName)
                .serviceName(gateway.serviceName)
                .apiId(api.name())
                .policyId("policy")
                .format("rawxml")
                .value(restPolicy)
                .build(), CustomResourceOptions.builder().parent(this).dependsOn(gateway.fragmentResources).build());

        List<McpServerTemplate.Tool> tools = new ArrayList<>();
        Set<String> offered = Set.copyOf(tool.toolNames());
        for (McpSchema.Tool t : McpTools.tools(tool.document(), "https://gateway.invalid/" + tool.path())) {
            if (offered.contains(t.name())) {
                tools.add(new McpServerTemplate.Tool(t.name(), t.description()));
            }
        }
        List<Resource> serverDependencies = new ArrayList<>(dependencies);
        serverDependencies.add(api);
        this.mcpServer = FragmentDeployments.deployTemplate(name + "-mcp-server", "mcp-" + tool.name(), gateway.resourceGroupName,
                gateway.serviceName, s -> McpServerTemplate.template(s, tool, tools, serverPolicy),
                CustomResourceOptions.builder().parent(this).dependsOn(serverDependencies).build());
        this.mcpServerId = mcpServer.name().applyValue(ignored -> tool.mcpServerId());
        this.mcpServerUrl = gateway.gatewayUrl.applyValue(url -> url + "/" + tool.mcpPath() + "/mcp");

        this.contentSafetyAccount = account;
        registerOutputs(Map.of("apiId", api.name(), "mcpServerId", mcpServerId, "mcpServerUrl", mcpServerUrl));
    }


}
