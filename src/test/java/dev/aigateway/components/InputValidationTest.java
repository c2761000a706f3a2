package dev.aigateway.components;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aigateway.components.Enums.AccountKind;
import dev.aigateway.components.Enums.ApimSku;
import dev.aigateway.components.Enums.DeploymentSku;
import dev.aigateway.components.Enums.VnetMode;
import dev.aigateway.components.Enums.QuotaPeriod;
import dev.aigateway.components.McpToolConfig.ContentSafety;
import dev.aigateway.components.McpToolConfig.RateLimit;
import dev.aigateway.mcp.OpenApiDocument;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The components check their inputs themselves: a library user who builds an Args with a bad
 * value gets an IllegalArgumentException naming the key, the rule and the value, at build time,
 * with the rule text the command line prints for the same mistake in a stack file.
 */
class InputValidationTest {
    private static final String ACCOUNT = "/subscriptions/3f2b8c1e-5d4a-4e6f-9a7b-2c1d0e9f8a7b/resourceGroups/rg-ai"
            + "/providers/Microsoft.CognitiveServices/accounts/aoai-shared";
    private static OpenApiDocument petstore;

    @BeforeAll
    static void readSpec() throws Exception {
        petstore = OpenApiDocument.read(Files.readString(Path.of("specs/petstore.yaml")), null);
    }

    static DeploymentConfig deployment(String name) {
        return new DeploymentConfig(name, "gpt-4o", "2024-11-20", DeploymentSku.GlobalStandard, 10);
    }

    static BackendConfig backend(String name, int priority, int weight) {
        return new BackendConfig(name, Optional.of("swedencentral"), AccountKind.OpenAI, priority, weight,
                List.of(deployment("gpt-4o")), Optional.empty());
    }

    static BackendConfig existing(String name, String id) {
        return BackendConfig.existing(name, id, 2, 100, List.of("gpt-4o"));
    }

    /** A valid pool of two backends, with {@code change} applied to the list. */
    static OpenAiBackendPoolArgs.Builder pool(UnaryOperator<List<BackendConfig>> change) {
        List<BackendConfig> backends = new ArrayList<>(List.of(backend("sweden", 1, 100), backend("france", 2, 100)));
        return OpenAiBackendPoolArgs.builder().backends(change.apply(backends)).openAiSpecUrl("https://example.com/spec.json");
    }

    static UnaryOperator<List<BackendConfig>> second(BackendConfig b) {
        return list -> {
            list.set(1, b);
            return list;
        };
    }

    static BackendConfig withDeployments(BackendConfig b, List<DeploymentConfig> d) {
        return new BackendConfig(b.name(), b.location(), b.kind(), b.priority(), b.weight(), d, b.existingAccountId());
    }

    static Stream<Arguments> pools() {
        return Stream.of(
                pool("no backends", pool(l -> List.of()), "backends: must have at least 1 entry (got [])"),
                pool("more than 20 backends", pool(l -> Collections.nCopies(21, backend("a", 1, 1))), "backends: must have at most 20 entries"),
                pool("duplicate name", pool(second(backend("sweden", 2, 100))), "backends[1].name: must be unique among backends (got \"sweden\")"),
                pool("name with capitals", pool(second(backend("France_1", 2, 100))),
                        "backends[1].name: must be 1-32 lowercase letters, digits or '-', not starting or ending with '-' (got \"France_1\")"),
                pool("priority zero", pool(second(backend("france", 0, 100))), "backends[1].priority: must be at least 1 (got 0)"),
                pool("priority above 100", pool(second(backend("france", 101, 100))), "backends[1].priority: must be at most 100 (got 101)"),
                pool("weight zero", pool(second(backend("france", 2, 0))), "backends[1].weight: must be at least 1 (got 0)"),
                pool("weight above 1000", pool(second(backend("france", 2, 1001))), "backends[1].weight: must be at most 1000 (got 1001)"),
                pool("location not a region", pool(second(new BackendConfig("france", Optional.of("France Central"), AccountKind.OpenAI, 2, 100,
                        List.of(deployment("gpt-4o")), Optional.empty()))),
                        "backends[1].location: must be an Azure region name such as swedencentral (got \"France Central\")"),
                pool("new account without location", pool(second(new BackendConfig("france", Optional.empty(), AccountKind.OpenAI, 2, 100,
                        List.of(deployment("gpt-4o")), Optional.empty()))), "backends[1].location: is required (got nothing)"),
                pool("new account without deployments", pool(second(withDeployments(backend("france", 2, 100), List.of()))),
                        "backends[1].deployments: must have at least 1 entry (got [])"),
                pool("duplicate deployment name", pool(second(withDeployments(backend("france", 2, 100), List.of(deployment("gpt-4o"), deployment("gpt-4o"))))),
                        "backends[1].deployments[1].name: must be unique within the backend (got \"gpt-4o\")"),
                pool("deployment priority zero", pool(second(withDeployments(backend("france", 2, 100),
                        List.of(new DeploymentConfig("gpt-4o", "gpt-4o", "2024-11-20", DeploymentSku.Standard, 10, Optional.of(0), Optional.empty()))))),
                        "backends[1].deployments[0].priority: must be at least 1 (got 0)"),
                pool("deployment weight above 1000", pool(second(withDeployments(backend("france", 2, 100),
                        List.of(new DeploymentConfig("gpt-4o", "gpt-4o", "2024-11-20", DeploymentSku.Standard, 10, Optional.empty(), Optional.of(1001)))))),
                        "backends[1].deployments[0].weight: must be at most 1000 (got 1001)"),
                pool("deployment capacity zero", pool(second(withDeployments(backend("france", 2, 100),
                        List.of(new DeploymentConfig("gpt-4o", "gpt-4o", "2024-11-20", DeploymentSku.Standard, 0))))),
                        "backends[1].deployments[0].capacity: must be at least 1 (got 0)"),
                pool("deployment capacity above the limit", pool(second(withDeployments(backend("france", 2, 100),
                        List.of(new DeploymentConfig("gpt-4o", "gpt-4o", "2024-11-20", DeploymentSku.Standard, 100_001))))),
                        "backends[1].deployments[0].capacity: must be at most 100000 (got 100001)"),
                pool("deployment name invalid", pool(second(withDeployments(backend("france", 2, 100), List.of(deployment("gpt 4o"))))),
                        "backends[1].deployments[0].name: must be 1-64 letters, digits, '_', '.' or '-' (got \"gpt 4o\")"),
                pool("deployment without model", pool(second(withDeployments(backend("france", 2, 100),
                        List.of(new DeploymentConfig("gpt-4o", null, "2024-11-20", DeploymentSku.Standard, 10))))),
                        "backends[1].deployments[0].model: is required (got nothing)"),
                pool("model name invalid", pool(second(withDeployments(backend("france", 2, 100),
                        List.of(new DeploymentConfig("gpt-4o", "gpt 4o", "2024-11-20", DeploymentSku.Standard, 10))))),
                        "backends[1].deployments[0].model: must be a model name such as gpt-4o (got \"gpt 4o\")"),
                pool("model version invalid", pool(second(withDeployments(backend("france", 2, 100),
                        List.of(new DeploymentConfig("gpt-4o", "gpt-4o", "2024/11/20", DeploymentSku.Standard, 10))))),
                        "backends[1].deployments[0].version: must be a model version such as 2024-11-20 (got \"2024/11/20\")"),
                pool("malformed existing account id", pool(second(existing("shared", "/subscriptions/abc/resourceGroups/rg/providers/Microsoft.CognitiveServices/accounts/x"))),
                        "backends[1].existingAccountId: must be a resource id /subscriptions/<guid>/resourceGroups/<rg>/providers/Microsoft.CognitiveServices/accounts/<name>"),
                pool("existing account with deployments", pool(second(withDeployments(existing("shared", ACCOUNT), List.of(deployment("gpt-4o"))))),
                        "backends[1].deployments: is not allowed with existingAccountId: an existing account is used as it is; list the names of the deployments it serves"),
                pool("existing account serving nothing", pool(second(BackendConfig.existing("shared", ACCOUNT, 2, 100, List.of()))),
                        "backends[1].deployments: is required for an existing account: the names of the deployments it serves (got [])"),
                pool("existing account serving an invalid name", pool(second(BackendConfig.existing("shared", ACCOUNT, 2, 100, List.of("gpt 4o")))),
                        "backends[1].deployments[0]: must be a deployment name: 1-64 letters, digits, '_', '.' or '-' (got \"gpt 4o\")"),
                pool("existing account naming a deployment twice", pool(second(BackendConfig.existing("shared", ACCOUNT, 2, 100, List.of("chat", "chat")))),
                        "backends[1].deployments[1]: must be unique within the backend (got \"chat\")"),
                pool("new account with existing deployments", pool(second(new BackendConfig("france", Optional.of("francecentral"), AccountKind.OpenAI, 2, 100,
                        List.of(deployment("gpt-4o")), Optional.empty(), List.of("chat")))),
                        "backends[1].existingDeployments: is only for an existing account (existingAccountId) (got [\"chat\"])"),
                pool("location not a known region", pool(second(new BackendConfig("france", Optional.of("francecentrl"), AccountKind.OpenAI, 2, 100,
                        List.of(deployment("gpt-4o")), Optional.empty()))),
                        "backends[1].location: must be an Azure region; did you mean francecentral? (got \"francecentrl\")"),
                pool("existing account in a resource group ending in a dot", pool(second(existing("shared", ACCOUNT.replace("/resourceGroups/", "/resourceGroups/x.")
                        .replace("/providers/", "./providers/")))), "backends[1].existingAccountId: must name a valid resource group"),
                pool("existing account named with a trailing dash", pool(second(existing("shared", ACCOUNT + "-"))),
                        "backends[1].existingAccountId: must name a valid account"),
                pool("existing account with a location", pool(second(new BackendConfig("shared", Optional.of("eastus"), AccountKind.OpenAI, 2, 100,
                        List.of(), Optional.of(ACCOUNT)))), "backends[1].location: is not allowed with existingAccountId: an existing account is used as it is"),
                pool("same existing account twice", pool(l -> List.of(backend("sweden", 1, 100), existing("a", ACCOUNT), existing("b", ACCOUNT.toUpperCase()))),
                        "backends[2].existingAccountId: must be unique among backends"),
                pool("name prefix invalid", pool(l -> l).namePrefix("AI-GW"),
                        "namePrefix: must be 2-12 lowercase letters or digits, starting with a letter (got \"AI-GW\")"),
                pool("throttle zero", pool(l -> l).throttleSeconds(0), "throttleSeconds: must be at least 1 (got 0)"),
                pool("throttle above an hour", pool(l -> l).throttleSeconds(3601), "throttleSeconds: must be at most 3600 (got 3601)"),
                pool("timeout zero", pool(l -> l).backendTimeoutSeconds(0), "backendTimeoutSeconds: must be at least 1 (got 0)"),
                pool("timeout beyond what the network honours", pool(l -> l).backendTimeoutSeconds(600),
                        "backendTimeoutSeconds: must be at most 240 (got 600)"));
    }

    static Arguments pool(String what, OpenAiBackendPoolArgs.Builder builder, String message) {
        return Arguments.of(what, (Runnable) builder::build, message);
    }

    static TenantConfig tenant(String name, int tpm, Optional<Long> quota, Optional<QuotaPeriod> period, List<String> subscriptions,
            List<String> apis) {
        return new TenantConfig(name, name, tpm, quota, period, subscriptions, apis);
    }

    static Runnable tenants(TenantConfig... tenants) {
        return () -> TenantQuotaArgs.builder().tenants(List.of(tenants)).apis(java.util.Map.of()).build();
    }

    static Runnable tenantsWithApi(TenantConfig... tenants) {
        return () -> TenantQuotaArgs.checkTenants(List.of(tenants), List.of("azure-openai"), List.of("gpt-4o"));
    }

    static TenantConfig withDeploymentsOf(TenantConfig t, String... deployments) {
        return new TenantConfig(t.name(), t.displayName(), t.tokensPerMinute(), t.tokenQuota(), t.tokenQuotaPeriod(), t.subscriptions(),
                t.apis(), List.of(deployments));
    }

    static Stream<Arguments> tenantCases() {
        List<String> web = List.of("web");
        List<String> openai = List.of("azure-openai");
        return Stream.of(
                Arguments.of("duplicate tenant names", tenantsWithApi(TenantConfig.of("contoso", 1000), TenantConfig.of("contoso", 2000)),
                        "tenants[1].name: must be unique among tenants (got \"contoso\")"),
                Arguments.of("name not a product id", tenantsWithApi(TenantConfig.of("Contoso Ltd", 1000)),
                        "tenants[0].name: must be a valid APIM product id: 1-48 lowercase letters, digits or '-', not starting or ending with '-' (got \"Contoso Ltd\")"),
                Arguments.of("named like a sample product", tenantsWithApi(TenantConfig.of("starter", 1000)),
                        "tenants[0].name: must not be the name of an APIM sample product (starter, unlimited) (got \"starter\")"),
                Arguments.of("display name too long", tenantsWithApi(new TenantConfig("contoso", "x".repeat(101), 1000, Optional.empty(), Optional.empty(), web, openai)),
                        "tenants[0].displayName: must be at most 100 characters"),
                Arguments.of("limit zero", tenantsWithApi(TenantConfig.of("contoso", 0)), "tenants[0].tokensPerMinute: must be at least 1 (got 0)"),
                Arguments.of("quota zero", tenantsWithApi(tenant("contoso", 1000, Optional.of(0L), Optional.of(QuotaPeriod.Daily), web, openai)),
                        "tenants[0].tokenQuota: must be at least 1 (got 0)"),
                Arguments.of("quota without period", tenantsWithApi(tenant("contoso", 1000, Optional.of(50_000L), Optional.empty(), web, openai)),
                        "tenants[0].tokenQuotaPeriod: is required with tokenQuota: one of Hourly, Daily, Weekly, Monthly, Yearly (got nothing)"),
                Arguments.of("period without quota", tenantsWithApi(tenant("contoso", 1000, Optional.empty(), Optional.of(QuotaPeriod.Daily), web, openai)),
                        "tenants[0].tokenQuota: is required with tokenQuotaPeriod (got nothing)"),
                Arguments.of("quota below one minute's limit", tenantsWithApi(tenant("contoso", 10_000, Optional.of(5000L), Optional.of(QuotaPeriod.Monthly), web, openai)),
                        "tenants[0].tokenQuota: must be at least tokensPerMinute (10000): a quota below one minute's limit leaves the limit meaningless (got 5000)"),
                Arguments.of("unknown API", tenants(tenant("contoso", 1000, Optional.empty(), Optional.empty(), web, List.of("azure-openai"))),
                        "tenants[0].apis[0]: must name an API of this gateway:  (got \"azure-openai\")"),
                Arguments.of("duplicate API", tenantsWithApi(tenant("contoso", 1000, Optional.empty(), Optional.empty(), web, List.of("azure-openai", "azure-openai"))),
                        "tenants[0].apis[1]: must be unique within the tenant (got \"azure-openai\")"),
                Arguments.of("duplicate subscription", tenantsWithApi(tenant("contoso", 1000, Optional.empty(), Optional.empty(), List.of("web", "web"), openai)),
                        "tenants[0].subscriptions[1]: must be unique within the tenant (got \"web\")"),
                Arguments.of("subscription name invalid", tenantsWithApi(tenant("contoso", 1000, Optional.empty(), Optional.empty(), List.of("Web App"), openai)),
                        "tenants[0].subscriptions[0]: must be 1-32 lowercase letters, digits or '-', not starting or ending with '-' (got \"Web App\")"),
                Arguments.of("deployment not served", (Runnable) () -> TenantQuotaArgs.checkTenants(List.of(withDeploymentsOf(TenantConfig.of("contoso", 1000), "mini")),
                        openai, List.of("chat", "embed")), "tenants[0].deployments[0]: must name a deployment a backend serves: chat, embed (got \"mini\")"),
                Arguments.of("deployment named twice", (Runnable) () -> TenantQuotaArgs.checkTenants(List.of(withDeploymentsOf(TenantConfig.of("contoso", 1000), "chat", "chat")),
                        openai, List.of("chat")), "tenants[0].deployments[1]: must be unique within the tenant (got \"chat\")"),
                Arguments.of("deployment name invalid", (Runnable) () -> TenantQuotaArgs.checkTenants(List.of(withDeploymentsOf(TenantConfig.of("contoso", 1000), "chat/x")),
                        openai, List.of("chat")), "tenants[0].deployments[0]: must be a deployment name: 1-64 letters, digits, '_', '.' or '-' (got \"chat/x\")"),
                Arguments.of("deployments without the pool's", (Runnable) () -> TenantQuotaArgs.builder().tenants(List.of(withDeploymentsOf(TenantConfig.of("contoso", 1000), "chat")))
                        .apis(java.util.Map.of("azure-openai", org.mockito.Mockito.mock(com.pulumi.azurenative.apimanagement.Api.class))).build(), "deployments: is required when a tenant names deployments: pass the pool's deployments (got nothing)"),
                Arguments.of("subscription ids that collide", tenantsWithApi(tenant("a-b", 1000, Optional.empty(), Optional.empty(), List.of("c"), openai),
                        tenant("a", 1000, Optional.empty(), Optional.empty(), List.of("b-c"), openai)),
                        "tenants[1].subscriptions[0]: makes the subscription id \"a-b-c\" (<tenant>-<subscription>), as tenants[0].subscriptions[0] "
                                + "does: rename one (got \"b-c\")"),
                Arguments.of("more than 10 subscriptions", tenantsWithApi(tenant("contoso", 1000, Optional.empty(), Optional.empty(),
                        Stream.iterate(0, i -> i + 1).limit(11).map(i -> "s" + i).toList(), openai)), "tenants[0].subscriptions: must have at most 10 entries"));
    }

    static McpToolConfig tool(String name, String path, String serviceUrl, RateLimit rate, RateLimit anonymous, Optional<ContentSafety> safety) {
        return new McpToolConfig(name, "specs/petstore.yaml", petstore, serviceUrl, path, "Petstore", "Pets", rate, anonymous, safety,
                McpToolConfig.defaultMcpPath(name), List.of());
    }

    static McpToolConfig tool(Function<McpToolConfig, McpToolConfig> change) {
        RateLimit r = McpToolConfig.DEFAULT_RATE_LIMIT;
        return change.apply(tool("petstore", "tools/petstore", "https://petstore.example.com/api", r, r, Optional.empty()));
    }

    static Runnable toolApi(McpToolConfig tool) {
        return () -> McpToolApiArgs.builder().tool(tool).build();
    }

    static Stream<Arguments> tools() {
        RateLimit r = McpToolConfig.DEFAULT_RATE_LIMIT;
        return Stream.of(
                Arguments.of("name invalid", toolApi(tool(t -> tool("Pet Store", t.path(), t.serviceUrl(), r, r, Optional.empty()))),
                        "tool.name: must be 1-40 lowercase letters, digits or '-', not starting or ending with '-' (got \"Pet Store\")"),
                Arguments.of("the OpenAI API's id", toolApi(tool(t -> tool("azure-openai", t.path(), t.serviceUrl(), r, r, Optional.empty()))),
                        "tool.name: must not be the id of the gateway's Azure OpenAI API (got \"azure-openai\")"),
                Arguments.of("path with a leading slash", toolApi(tool(t -> tool(t.name(), "/tools/pets", t.serviceUrl(), r, r, Optional.empty()))),
                        "tool.path: must be lowercase path segments of letters, digits and '-', without leading '/' (got \"/tools/pets\")"),
                Arguments.of("path under the OpenAI API", toolApi(tool(t -> tool(t.name(), "openai/tools", t.serviceUrl(), r, r, Optional.empty()))),
                        "tool.path: must not overlap the gateway's Azure OpenAI API path 'openai' (tool path: openai/tools) (got \"openai/tools\")"),
                Arguments.of("http service URL", toolApi(tool(t -> tool(t.name(), t.path(), "http://petstore.example.com", r, r, Optional.empty()))),
                        "tool.serviceUrl: must be an https:// URL (got \"http://petstore.example.com\")"),
                Arguments.of("display name too long", toolApi(tool(t -> new McpToolConfig(t.name(), t.source(), t.document(), t.serviceUrl(), t.path(),
                        "x".repeat(301), t.description(), r, r, Optional.empty(), t.mcpPath(), t.operations()))), "tool.displayName: must be at most 300 characters"),
                Arguments.of("calls below 1", toolApi(tool(t -> tool(t.name(), t.path(), t.serviceUrl(), new RateLimit(0, 60), new RateLimit(0, 60), Optional.empty()))),
                        "tool.rateLimit.calls: must be at least 1 (got 0)"),
                Arguments.of("renewal period below 1", toolApi(tool(t -> tool(t.name(), t.path(), t.serviceUrl(), new RateLimit(5, 0), r, Optional.empty()))),
                        "tool.rateLimit.renewalPeriod: must be at least 1 (got 0)"),
                Arguments.of("renewal period above 300", toolApi(tool(t -> tool(t.name(), t.path(), t.serviceUrl(), new RateLimit(5, 301), r, Optional.empty()))),
                        "tool.rateLimit.renewalPeriod: must be at most 300 (got 301)"),
                Arguments.of("anonymous limit looser than the agent limit", toolApi(tool(t -> tool(t.name(), t.path(), t.serviceUrl(), new RateLimit(5, 60),
                        new RateLimit(10, 60), Optional.empty()))), "tool.anonymousRateLimit: must not allow more calls per second than rateLimit (5 per 60 s)"),
                Arguments.of("unknown harm category", toolApi(tool(t -> tool(t.name(), t.path(), t.serviceUrl(), r, r,
                        Optional.of(new ContentSafety(List.of("Spam"), 4))))),
                        "tool.contentSafety.categories[0]: must be one of Hate, SelfHarm, Sexual, Violence (got \"Spam\")"),
                Arguments.of("duplicate harm category", toolApi(tool(t -> tool(t.name(), t.path(), t.serviceUrl(), r, r,
                        Optional.of(new ContentSafety(List.of("Hate", "Hate"), 4))))), "tool.contentSafety.categories[1]: must be unique (got \"Hate\")"),
                Arguments.of("threshold above 7", toolApi(tool(t -> tool(t.name(), t.path(), t.serviceUrl(), r, r,
                        Optional.of(new ContentSafety(ContentSafety.CATEGORIES, 9))))), "tool.contentSafety.threshold: must be at most 7 (got 9)"),
                Arguments.of("duplicate tool names", (Runnable) () -> McpToolConfig.checkAll("mcpTools", List.of(tool(t -> t),
                        tool(t -> tool(t.name(), "tools/other", t.serviceUrl(), r, r, Optional.empty())))),
                        "mcpTools[1].name: must be unique among mcpTools (got \"petstore\")"),
                Arguments.of("paths of two tools overlap", (Runnable) () -> McpToolConfig.checkAll("mcpTools", List.of(
                        tool(t -> tool(t.name(), "tools", t.serviceUrl(), r, r, Optional.empty())),
                        tool(t -> tool("other", "tools/other", t.serviceUrl(), r, r, Optional.empty())))),
                        "mcpTools[1].path: must not overlap the paths of mcpTools entry 'petstore' (tools, petstore-mcp) (got \"tools/other\")"));
    }

    static Stream<Arguments> gateways() {
        return Stream.of(
                Arguments.of("malformed email", (Runnable) () -> AiGatewayArgs.builder().publisherEmail("platform.example.com"),
                        "publisherEmail: must be an email address (got \"platform.example.com\")"),
                Arguments.of("empty publisher name", (Runnable) () -> AiGatewayArgs.builder().publisherName("  "),
                        "publisherName: must not be empty (got \"  \")"),
                Arguments.of("publisher name too long", (Runnable) () -> AiGatewayArgs.builder().publisherName("x".repeat(101)),
                        "publisherName: must be at most 100 characters"),
                Arguments.of("location not a region", (Runnable) () -> AiGatewayArgs.builder().location("Sweden Central"),
                        "location: must be an Azure region name such as swedencentral (got \"Sweden Central\")"),
                Arguments.of("capacity above the sku's limit", gateway(b -> b.capacity(2)), "capacity: must be at most 1 units for sku Developer (got 2)"),
                Arguments.of("capacity zero", gateway(b -> b.sku(ApimSku.Premium).capacity(0)), "capacity: must be at least 1 (got 0)"),
                Arguments.of("zones below Premium", gateway(b -> b.sku(ApimSku.Standard).capacity(2).zones(List.of("1", "2"))),
                        "zones: needs sku Premium (got sku Standard) (got [\"1\",\"2\"])"),
                Arguments.of("fewer units than zones", gateway(b -> b.sku(ApimSku.Premium).capacity(1).zones(List.of("1", "2"))),
                        "zones: needs at least one unit per zone: capacity is 1"),
                Arguments.of("a zone that does not exist", gateway(b -> b.sku(ApimSku.Premium).capacity(2).zones(List.of("1", "4"))),
                        "zones[1]: must be one of 1, 2, 3 (got \"4\")"),
                Arguments.of("another region below Premium", gateway(b -> b.additionalLocations(List.of(
                        new AdditionalLocationConfig("norwayeast", 1, List.of(), Optional.empty())))), "additionalLocations: needs sku Premium"),
                Arguments.of("another region that is the gateway's own", gateway(b -> b.sku(ApimSku.Premium).additionalLocations(List.of(
                        new AdditionalLocationConfig("swedencentral", 1, List.of(), Optional.empty())))),
                        "additionalLocations[0].location: must differ from the gateway's own location (got \"swedencentral\")"),
                Arguments.of("another region without its subnet", gateway(b -> b.sku(ApimSku.Premium).network(NETWORK).additionalLocations(List.of(
                        new AdditionalLocationConfig("norwayeast", 1, List.of(), Optional.empty())))),
                        "additionalLocations[0].subnetId: is required with network"),
                Arguments.of("a network below Developer and Premium", gateway(b -> b.sku(ApimSku.Standard).network(NETWORK)),
                        "network: needs sku Developer or Premium"),
                Arguments.of("a network without a subnet id", gateway(b -> b.network(new NetworkConfig(VnetMode.Internal, "apim", Optional.empty(),
                        SUBNET + "pe", List.of()))), "network.subnetId: must be a subnet id"),
                Arguments.of("one subnet for both", gateway(b -> b.network(new NetworkConfig(VnetMode.Internal, SUBNET + "apim", Optional.empty(),
                        SUBNET + "apim", List.of()))), "network.privateEndpointSubnetId: must differ from subnetId"),
                Arguments.of("one private DNS zone of two", gateway(b -> b.network(new NetworkConfig(VnetMode.Internal, SUBNET + "apim", Optional.empty(),
                        SUBNET + "pe", List.of(ZONES + "privatelink.openai.azure.com")))),
                        "network.privateDnsZoneIds: must name both private DNS zones"),
                Arguments.of("no publisher email", (Runnable) () -> AiGatewayArgs.builder().resourceGroupName("rg").location("swedencentral")
                        .serviceName("gw").publisherName("P").build(), "publisherEmail: is required (got nothing)"));
    }

    static final String SUBNET = "/subscriptions/3f2b8c1e-5d4a-4e6f-9a7b-2c1d0e9f8a7b/resourceGroups/rg-net/providers/Microsoft.Network"
            + "/virtualNetworks/vnet/subnets/";
    static final String ZONES = "/subscriptions/3f2b8c1e-5d4a-4e6f-9a7b-2c1d0e9f8a7b/resourceGroups/rg-dns/providers/Microsoft.Network/privateDnsZones/";
    static final NetworkConfig NETWORK = new NetworkConfig(VnetMode.Internal, SUBNET + "apim", Optional.empty(), SUBNET + "pe", List.of());

    static Runnable gateway(UnaryOperator<AiGatewayArgs.Builder> change) {
        return () -> change.apply(AiGatewayArgs.builder().resourceGroupName("rg").location("swedencentral").serviceName("gw")
                .publisherEmail("platform@example.com").publisherName("Platform")).build();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource({"pools", "tenantCases", "tools", "gateways"})
    void refusedAtConstructionWithTheRuleText(String what, Runnable build, String message) {
        assertThatThrownBy(build::run).isInstanceOf(IllegalArgumentException.class).isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith(message);
    }

    @Test
    void validArgsBuild() {
        AiGateway gateway = org.mockito.Mockito.mock(AiGateway.class);
        pool(l -> l).gateway(gateway).build();
        tenantsWithApi(TenantConfig.of("contoso", 1000)).run();
        TenantQuotaArgs.builder().gateway(gateway).tenants(List.of(TenantConfig.of("contoso", 1000))).apis(java.util.Map.of("azure-openai",
                org.mockito.Mockito.mock(com.pulumi.azurenative.apimanagement.Api.class))).build();
        McpToolApiArgs.builder().gateway(gateway).tool(tool(t -> t)).build();
        gateway(b -> b).run();
    }
}
