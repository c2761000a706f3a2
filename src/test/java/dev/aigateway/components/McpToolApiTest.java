package dev.aigateway.components;

import static dev.aigateway.testing.PlanQuery.input;
import static dev.aigateway.testing.PlanQuery.string;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aigateway.components.Enums.IdentityType;
import dev.aigateway.components.McpToolConfig;
import dev.aigateway.components.McpToolConfig.ContentSafety;
import dev.aigateway.components.McpToolConfig.RateLimit;
import dev.aigateway.mcp.McpTools;
import dev.aigateway.mcp.OpenApiDocument;
import java.util.Map;
import dev.aigateway.plan.Plan;
import dev.aigateway.plan.Plan.PlannedResource;
import dev.aigateway.plan.PlanRunner;
import dev.aigateway.testing.PlanQuery;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** McpToolApi under the mock engine. */
class McpToolApiTest {
    private static final String API = "azure-native:apimanagement:Api";
    private static final String API_POLICY = "azure-native:apimanagement:ApiPolicy";
    private static final String ACCOUNT = "azure-native:cognitiveservices:Account";
    private static final String ROLE = "azure-native:authorization:RoleAssignment";
    private static final String DEPLOYMENT = "azure-native:resources:Deployment";

    static McpToolConfig tool(String spec, Optional<ContentSafety> safety) throws Exception {
        return tool(spec, safety, List.of());
    }

    static McpToolConfig tool(String spec, Optional<ContentSafety> safety, List<String> operations) throws Exception {
        OpenApiDocument doc = McpTools.importable(OpenApiDocument.read(Files.readString(Path.of("src/test/resources/specs/" + spec)), null));
        return new McpToolConfig("pets", spec, doc, "https://pets.example.com/api", "tools/pets", "Pets", "Pet tools",
                new RateLimit(20, 60), new RateLimit(3, 60), safety, "pets-mcp", operations);
    }

    static Plan plan(McpToolConfig tool, IdentityType identity) {
        return PlanRunner.run("test", ctx -> {
            AiGateway gateway = new AiGateway("gw", AiGatewayArgs.builder()
                    .resourceGroupName("rg-test").location("swedencentral").serviceName("aigw-test-abc123").identity(identity)
                    .publisherEmail("platform@example.com").publisherName("Example Platform").build());
            McpToolApi api = new McpToolApi("mcp-pets", McpToolApiArgs.builder()
                    .gateway(gateway).tool(tool).location("swedencentral").nameSuffix("abc123").build());
            ctx.export("mcpServerUrl", api.mcpServerUrl);
        });
    }

    @Test
    void importsTheDocumentInItsFormatOverHttpsWithASubscription() throws Exception {
        for (var c : List.of(new String[] {"petstore-openapi-3.0.yaml", "openapi"},
                new String[] {"azure-openai-inference-2024-02-01.json", "openapi+json"},
                new String[] {"oai-openapi-spec-examples-v2.0-petstore-expanded.json", "swagger-json"})) {
            PlanQuery q = new PlanQuery(plan(tool(c[0], Optional.empty()), IdentityType.SystemAssigned));
            PlannedResource api = q.get(API, "mcp-pets-api");
            assertThat(string(api, "format")).as(c[0]).isEqualTo(c[1]);
            String original = Files.readString(Path.of("src/test/resources/specs/" + c[0]));
            if (c[0].contains("expanded")) {
                // Its operationId "find pet by id" is no name a tool can reference: the import carries the tool's name.
                assertThat(string(api, "value")).contains("\"operationId\" : \"find_pet_by_id\"").doesNotContain("find pet by id");
            } else {
                assertThat(string(api, "value")).isEqualTo(original);
            }
            assertThat(string(api, "path")).isEqualTo("tools/pets");
            assertThat(string(api, "serviceUrl")).isEqualTo("https://pets.example.com/api");
            assertThat(input(api, "protocols")).isEqualTo(List.of("https"));
            assertThat(input(api, "subscriptionRequired")).isEqualTo(true);
            assertThat(string(api, "displayName")).isEqualTo("Pets");
            assertThat(q.ofType(ACCOUNT)).isEmpty();
        }
    }

    @Test
    void theMcpServerIsAnApiOfTypeMcpWithOneToolPerOperationAtThePublishedApiVersion() throws Exception {
        PlanQuery q = new PlanQuery(plan(tool("petstore-openapi-3.0.yaml", Optional.empty()), IdentityType.SystemAssigned));
        PlannedResource deployment = q.get(DEPLOYMENT, "mcp-pets-mcp-server");
        Map<String, Object> server = FragmentDeployments.resourcesOf(deployment.inputs(), McpServerTemplate.API_TYPE).get(0);
        assertThat(server.get("apiVersion")).isEqualTo("2025-09-01-preview");
        assertThat(server.get("name")).isEqualTo("aigw-test-abc123/pets-mcp");
        assertThat(FragmentDeployments.properties(server)).containsEntry("type", "mcp").containsEntry("path", "pets-mcp")
                .containsEntry("subscriptionRequired", true).containsEntry("protocols", List.of("https")).doesNotContainKey("serviceUrl");
        var tools = FragmentDeployments.resourcesOf(deployment.inputs(), McpServerTemplate.TOOL_TYPE);
        assertThat(tools).hasSize(19);
        Map<String, Object> get = tools.stream().filter(t -> FragmentDeployments.lastSegment(t).equals("getPetById")).findFirst().orElseThrow();
        assertThat(get.get("apiVersion")).isEqualTo("2025-09-01-preview");
        assertThat(FragmentDeployments.properties(get)).containsEntry("displayName", "getPetById")
                .containsEntry("operationId", "[resourceId('Microsoft.ApiManagement/service/apis/operations', 'aigw-test-abc123', 'pets', 'getPetById')]")
                .containsEntry("description", "Find pet by ID.\n\nReturns a single pet.");
        assertThat(get.get("dependsOn")).isEqualTo(List.of("[resourceId('Microsoft.ApiManagement/service/apis', 'aigw-test-abc123', 'pets-mcp')]"));
        // The operations must exist before tools name them; the policy's fragments before the policy.
        assertThat(deployment.dependsOn()).anyMatch(d -> d.endsWith("mcp-pets-api")).anyMatch(d -> d.endsWith("aigw-mcp-pets-rate-limit"));
        assertThat(plan(tool("petstore-openapi-3.0.yaml", Optional.empty()), IdentityType.SystemAssigned).outputs().get("mcpServerUrl"))
                .isEqualTo("https://aigw-test-abc123.azure-api.net/pets-mcp/mcp");
    }

    @Test
    void onlyTheOperationsNamedBecomeTools() throws Exception {
        PlanQuery q = new PlanQuery(plan(tool("petstore-openapi-3.0.yaml", Optional.empty(), List.of("getPetById", "addPet")),
                IdentityType.SystemAssigned));
        var tools = FragmentDeployments.resourcesOf(q.get(DEPLOYMENT, "mcp-pets-mcp-server").inputs(), McpServerTemplate.TOOL_TYPE);
        assertThat(tools).extracting(FragmentDeployments::lastSegment).containsExactly("addPet", "getPetById");
    }

    /** APIM names an imported operation after its operationId; operations without one get the tool's name, so tools can reference them. */
    @Test
    void operationsWithoutAnOperationIdAreGivenTheToolsNameBeforeImport() throws Exception {
        PlanQuery q = new PlanQuery(plan(tool("notes-openapi-3.0-no-ids.json", Optional.empty()), IdentityType.SystemAssigned));
        String imported = string(q.get(API, "mcp-pets-api"), "value");
        assertThat(OpenApiDocument.read(imported, null).api().getPaths().get("/notes").getGet().getOperationId()).isEqualTo("get_notes");
        var tools = FragmentDeployments.resourcesOf(q.get(DEPLOYMENT, "mcp-pets-mcp-server").inputs(), McpServerTemplate.TOOL_TYPE);
        assertThat(tools).extracting(t -> String.valueOf(FragmentDeployments.properties(t).get("operationId")))
                .allMatch(id -> id.matches("\\[resourceId\\(.*'pets', '(get|post|delete|put|patch)_notes[A-Za-z_]*'\\)]"));
    }

    /**
     * The per-agent limit and the screening are on the MCP server, counted on tool calls; the REST
     * API behind it has neither, since a tool call runs its policy too.
     */
    @Test
    void ratesLimitToolCallsPerAgentOnTheServerWithAStricterAnonymousBucket() throws Exception {
        PlanQuery q = new PlanQuery(plan(tool("petstore-openapi-3.0.yaml", Optional.empty()), IdentityType.SystemAssigned));
        String rest = string(q.get(API_POLICY, "mcp-pets-api-policy"), "value");
        assertThat(rest).doesNotContain("aigw-mcp-pets-rate-limit").doesNotContain("aigw-mcp-pets-screen");
        String server = serverPolicy(q);
        assertThat(server).contains("return method == \"tools/call\" || method == \"batch\";")
                .contains("<include-fragment fragment-id=\"aigw-mcp-pets-rate-limit\" />").doesNotContain("aigw-mcp-pets-screen")
                .doesNotContain("context.Response.Body.As");
        String fragment = fragmentText(q, "aigw-mcp-pets-rate-limit");
        assertThat(fragment).contains("<rate-limit-by-key calls=\"3\" renewal-period=\"60\" counter-key=\"@(\"anonymous|")
                .contains("<rate-limit-by-key calls=\"20\" renewal-period=\"60\" counter-key=\"@(\"agent|")
                .contains("GetValueOrDefault(\"X-Agent-Id\", \"\")");
    }

    @Test
    void screensInputsWithContentSafetyCalledByTheGatewayIdentity() throws Exception {
        PlanQuery q = new PlanQuery(plan(tool("petstore-openapi-3.0.yaml", Optional.of(new ContentSafety(List.of("Hate", "Violence"), 2))),
                IdentityType.UserAssigned));
        PlannedResource account = q.get(ACCOUNT, "mcp-pets-content-safety");
        assertThat(string(account, "kind")).isEqualTo("ContentSafety");
        assertThat(input(account, "properties.disableLocalAuth")).isEqualTo(true);
        assertThat(string(account, "properties.customSubDomainName")).isEqualTo("aigw-cs-pets-abc123");
        assertThat(string(account, "location")).isEqualTo("swedencentral");

        PlannedResource role = q.get(ROLE, "mcp-pets-content-safety-user");
        assertThat(string(role, "roleDefinitionId")).endsWith("/roleDefinitions/" + McpToolApi.COGNITIVE_SERVICES_USER_ROLE);
        assertThat(string(role, "scope")).contains("/accounts/aigw-cs-pets-abc123");
        assertThat(string(role, "principalType")).isEqualTo("ServicePrincipal");
        assertThat(string(role, "roleAssignmentName"))
                .isEqualTo(RoleGrants.assignmentName(string(role, "scope"), string(role, "principalId"), string(role, "roleDefinitionId")));

        String policy = serverPolicy(q);
        assertThat(policy.indexOf("aigw-mcp-pets-rate-limit")).isLessThan(policy.indexOf("aigw-mcp-pets-screen"));
        assertThat(q.get(DEPLOYMENT, "mcp-pets-mcp-server").dependsOn()).anyMatch(d -> d.endsWith("mcp-pets-content-safety-user"));
        String screen = fragmentText(q, "aigw-mcp-pets-screen");
        assertThat(screen).contains("<set-url>https://aigw-cs-pets-abc123.cognitiveservices.azure.com/contentsafety/text:analyze?api-version=2024-09-01</set-url>")
                .contains("\"Hate,Violence\".Split(',')")
                .contains("(int)c[\"severity\"] >= 2")
                .contains("new JProperty(\"isError\", true)").contains("ContentFiltered")
                .containsPattern("<authentication-managed-identity resource=\"https://cognitiveservices.azure.com\" client-id=\"[0-9a-f-]{36}\" />");
    }

    @Test
    void tenantsAreGrantedToolApisThroughTheirProducts() throws Exception {
        PlanQuery q = new PlanQuery(PlanRunner.run(dev.aigateway.config.GatewayConfig.fromStackFile(Path.of("Pulumi.dev.yaml"))));
        PlannedResource link = q.get("azure-native:apimanagement:ProductApi", "tenants-platform-dev-petstore");
        assertThat(string(link, "apiId")).as("the product links the MCP server, not the REST API").isEqualTo("petstore-mcp");
        assertThat(string(link, "productId")).isEqualTo("platform-dev");
        assertThat(q.ofType("azure-native:apimanagement:ProductApi")).noneMatch(r -> "petstore".equals(string(r, "apiId")));
    }

    private static String serverPolicy(PlanQuery q) {
        return FragmentDeployments.apiPoliciesOf(q.get(DEPLOYMENT, "mcp-pets-mcp-server").inputs()).get("pets-mcp");
    }

    private static String fragmentText(PlanQuery q, String id) {
        for (PlannedResource r : q.ofType(DEPLOYMENT)) {
            var fragments = FragmentDeployments.fragmentsOf(r.inputs());
            if (fragments.containsKey(id)) {
                return fragments.get(id);
            }
        }
        throw new AssertionError("no fragment " + id);
    }
}
