package dev.aigateway.stack;

import com.pulumi.Context;
import com.pulumi.azurenative.resources.ResourceGroup;
import com.pulumi.azurenative.resources.ResourceGroupArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.azurenative.apimanagement.Api;
import dev.aigateway.components.AiGateway;
import dev.aigateway.components.AiGatewayArgs;
import dev.aigateway.components.McpToolApi;
import dev.aigateway.components.PromptSafety;
import dev.aigateway.components.PromptSafetyArgs;
import dev.aigateway.components.McpToolApiArgs;
import dev.aigateway.components.Naming;
import dev.aigateway.components.OpenAiBackendPool;
import dev.aigateway.components.OpenAiBackendPoolArgs;
import dev.aigateway.components.Enums.IdentityType;
import dev.aigateway.config.GatewayConfig;
import dev.aigateway.config.GatewaySettings;
import dev.aigateway.components.McpToolConfig;
import dev.aigateway.components.TenantQuota;
import dev.aigateway.components.TenantQuotaArgs;
import dev.aigateway.random.RandomString;
import dev.aigateway.random.RandomStringArgs;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/** The stack: the same code for {@code pulumi up} and the offline plan. */
public final class GatewayProgram {
    private GatewayProgram() {}

    public static void define(Context ctx, GatewayConfig config) {
        GatewaySettings gw = config.gateway();

        ResourceGroup group = new ResourceGroup("resource-group", ResourceGroupArgs.builder()
                .resourceGroupName(gw.resourceGroupName())
                .location(config.location())
                .build(), CustomResourceOptions.builder().protect(gw.protect()).build());

        // One suffix per stack makes the global names (APIM service, account subdomains) unique.
        Output<String> suffix = new RandomString("name-suffix", RandomStringArgs.builder()
                .length(Naming.SUFFIX_LENGTH).lower(true).upper(false).numeric(true).special(false)
                .build()).result();

        AiGatewayArgs.Builder gatewayArgs = AiGatewayArgs.builder()
                .resourceGroupName(group.name())
                .location(config.location())
                .serviceName(suffix.applyValue(s -> gw.namePrefix() + "-" + config.stack() + "-" + s))
                .publisherEmail(gw.publisherEmail())
                .publisherName(gw.publisherName())
                .sku(gw.sku())
                .capacity(gw.capacity())
                .identity(gw.identity())
                .protect(gw.protect())
                .zones(gw.zones())
                .additionalLocations(gw.additionalLocations());
        gw.network().ifPresent(gatewayArgs::network);
        AiGateway gateway = new AiGateway("gateway", gatewayArgs.build());

        PromptSafety promptSafety = config.promptSafety().map(ps -> new PromptSafety("prompt-safety", PromptSafetyArgs.builder()
                .gateway(gateway)
                .config(ps)
                .location(config.location())
                .namePrefix(gw.namePrefix())
                .nameSuffix(suffix)
                .protect(gw.protect())
                .build())).orElse(null);

        OpenAiBackendPool pool = new OpenAiBackendPool("openai", OpenAiBackendPoolArgs.builder()
                .gateway(gateway)
                .backends(config.backends())
                .namePrefix(gw.namePrefix())
                .nameSuffix(suffix)
                .streaming(gw.streaming())
                .throttleSeconds(gw.throttleSeconds())
                .backendTimeoutSeconds(gw.backendTimeoutSeconds())
                .openAiSpecUrl(gw.openAiSpecUrl())
                .protect(gw.protect())
                .requireTenant(!config.tenants().isEmpty())
                .promptSafety(promptSafety)
                .build());

        // Tenants name tool APIs by their mcpTools name; their products link the MCP server, the
        // one way agents reach the tools (the REST API behind it is linked to no product).
        Map<String, Output<String>> apis = new LinkedHashMap<>();
        apis.put(OpenAiBackendPool.API_ID, pool.api.name());
        Map<String, Output<String>> servers = new TreeMap<>();
        for (McpToolConfig tool : config.mcpTools()) {
            McpToolApi toolApi = new McpToolApi("mcp-" + tool.name(), McpToolApiArgs.builder()
                    .gateway(gateway)
                    .tool(tool)
                    .location(config.location())
                    .namePrefix(gw.namePrefix())
                    .nameSuffix(suffix)
                    .protect(gw.protect())
                    .build());
            apis.put(tool.name(), toolApi.mcpServerId);
            servers.put(tool.name(), toolApi.mcpServerUrl);
        }

        TenantQuota tenants = config.tenants().isEmpty() ? null : new TenantQuota("tenants", TenantQuotaArgs.builder()
                .gateway(gateway)
                .tenants(config.tenants())
                .apiIds(apis)
                .deployments(pool.deployments)
                .build());

        ctx.export("resourceGroupName", group.name());
        ctx.export("gatewayUrl", gateway.gatewayUrl);
        ctx.export("openAiEndpoint", gateway.gatewayUrl.applyValue(u -> u + "/openai"));
        ctx.export("serviceName", gateway.serviceName);
        ctx.export("principalId", gateway.principalId);
        if (gw.identity() == IdentityType.UserAssigned) {
            ctx.export("identityClientId", gateway.identityClientId.applyValue(o -> o.orElseThrow()));
        }
        ctx.export("loggerId", gateway.loggerId);
        ctx.export("backendUrls", pool.backendUrls);
        if (!servers.isEmpty()) {
            // Tool API name to the URL of its MCP server, for agents' MCP configurations.
            ctx.export("mcpServers", Output.all(new ArrayList<>(servers.values())).applyValue(values -> {
                Map<String, String> out = new TreeMap<>();
                int i = 0;
                for (String key : servers.keySet()) {
                    out.put(key, values.get(i++));
                }
                return out;
            }));
        }
        if (tenants != null) {
            // Subscription id to primary key, for every tenant; secret, so it never shows in plain text.
            ctx.export("tenantSubscriptionKeys", tenants.subscriptionKeys);
        }
    }
}
