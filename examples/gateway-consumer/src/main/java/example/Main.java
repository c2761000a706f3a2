package example;

import com.pulumi.Context;
import com.pulumi.Pulumi;
import dev.aigateway.components.AiGateway;
import dev.aigateway.components.AiGatewayArgs;
import dev.aigateway.components.BackendConfig;
import dev.aigateway.components.DeploymentConfig;
import dev.aigateway.components.Enums.AccountKind;
import dev.aigateway.components.Enums.DeploymentSku;
import dev.aigateway.components.Enums.IdentityType;
import dev.aigateway.components.Enums.QuotaPeriod;
import dev.aigateway.components.McpToolApi;
import dev.aigateway.components.McpToolApiArgs;
import dev.aigateway.components.McpToolConfig;
import dev.aigateway.components.OpenAiBackendPool;
import dev.aigateway.components.OpenAiBackendPoolArgs;
import dev.aigateway.components.TenantConfig;
import dev.aigateway.components.TenantQuota;
import dev.aigateway.components.TenantQuotaArgs;
import dev.aigateway.mcp.OpenApiDocument;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

public class Main {
    public static void main(String[] args) {
        Pulumi.run(Main::stack);
    }

    /** The stack, in a method of its own so that a test can run it under the mock engine. */
    public static void stack(Context ctx) {
        var gateway = new AiGateway("gateway", AiGatewayArgs.builder()
                .resourceGroupName("rg-platform-ai")
                .location("swedencentral")
                .serviceName("contoso-ai-gw")          // global DNS name
                .publisherEmail("platform@contoso.com")
                .publisherName("Contoso Platform")
                .identity(IdentityType.UserAssigned)
                .build());

        var gpt4o = new DeploymentConfig("gpt-4o", "gpt-4o", "2024-11-20", DeploymentSku.GlobalStandard, 100);
        var embed = new DeploymentConfig("embed", "text-embedding-3-large", "1", DeploymentSku.GlobalStandard, 50);
        var pool = new OpenAiBackendPool("openai", OpenAiBackendPoolArgs.builder()
                .gateway(gateway)
                .backends(List.of(      // each backend serves its own deployments; requests go only where theirs is
                        new BackendConfig("sweden", Optional.of("swedencentral"), AccountKind.OpenAI, 1, 100,
                                List.of(gpt4o, embed), Optional.empty()),
                        new BackendConfig("france", Optional.of("francecentral"), AccountKind.OpenAI, 2, 100,
                                List.of(gpt4o), Optional.empty()),
                        BackendConfig.existing("shared", "/subscriptions/3f2b8c1e-5d4a-4e6f-9a7b-2c1d0e9f8a7b/resourceGroups"
                                + "/rg-shared/providers/Microsoft.CognitiveServices/accounts/aoai-shared", 3, 100, List.of("gpt-4o"))))
                .openAiSpecUrl("https://raw.githubusercontent.com/Azure/azure-rest-api-specs/main/specification/"
                        + "cognitiveservices/data-plane/AzureOpenAI/inference/stable/2024-02-01/inference.json")
                .build());

        // An existing REST API served to agents as an MCP server, its inputs screened.
        var petstore = new McpToolConfig("petstore", "specs/petstore.yaml",
                OpenApiDocument.load(Path.of("specs/petstore.yaml")),
                "https://petstore3.swagger.io/api/v3", "tools/petstore", "Petstore", "Pet tools",
                new McpToolConfig.RateLimit(10, 60), new McpToolConfig.RateLimit(2, 60),
                Optional.of(new McpToolConfig.ContentSafety(List.of("Hate", "Violence"), 4)),
                "petstore-mcp", List.of("getPetById", "findPetsByStatus"));   // MCP path; the operations served as tools
        var tools = new McpToolApi("mcp-petstore", McpToolApiArgs.builder()
                .gateway(gateway).tool(petstore).location("swedencentral").nameSuffix("abc123").build());

        var tenants = new TenantQuota("tenants", TenantQuotaArgs.builder()
                .gateway(gateway)
                .tenants(List.of(new TenantConfig("contoso", "Contoso", 20_000, Optional.of(10_000_000L),
                        Optional.of(QuotaPeriod.Monthly), List.of("web"), List.of("azure-openai", "petstore"), List.of("gpt-4o"))))
                .apiIds(Map.of("azure-openai", pool.api.name(), "petstore", tools.mcpServerId))
                .deployments(pool.deployments)   // what tenants may be limited to
                .build());

        ctx.export("endpoint", gateway.gatewayUrl.applyValue(u -> u + "/openai"));
        ctx.export("backends", pool.backendUrls);
        ctx.export("petstoreMcp", tools.mcpServerUrl);  // https://<gateway>/petstore-mcp/mcp
        ctx.export("keys", tenants.subscriptionKeys);   // secret
    }
}
