package dev.aigateway.components;

import static dev.aigateway.testing.PlanQuery.input;
import static dev.aigateway.testing.PlanQuery.string;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aigateway.components.BackendConfig;
import dev.aigateway.components.DeploymentConfig;
import dev.aigateway.components.Enums.AccountKind;
import dev.aigateway.components.Enums.DeploymentSku;
import dev.aigateway.components.Enums.IdentityType;
import dev.aigateway.plan.Plan;
import dev.aigateway.plan.Plan.PlannedResource;
import dev.aigateway.plan.PlanJson;
import dev.aigateway.plan.PlanMocks;
import dev.aigateway.plan.PlanRunner;
import dev.aigateway.testing.PlanQuery;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** OpenAiBackendPool under the mock engine: accounts, deployments, RBAC, backends, API and policy. */
class OpenAiBackendPoolTest {
    private static final String ACCOUNT = "azure-native:cognitiveservices:Account";
    private static final String MODEL = "azure-native:cognitiveservices:Deployment";
    private static final String ROLE = "azure-native:authorization:RoleAssignment";
    private static final String BACKEND = "azure-native:apimanagement:Backend";
    private static final String EXISTING_ID = "/subscriptions/3f2b8c1e-5d4a-4e6f-9a7b-2c1d0e9f8a7b/resourceGroups/rg-shared"
            + "/providers/Microsoft.CognitiveServices/accounts/aoai-shared";

    private static List<DeploymentConfig> models(String... names) {
        return java.util.Arrays.stream(names)
                .map(n -> new DeploymentConfig(n, n, "2024-11-20", DeploymentSku.GlobalStandard, 10))
                .toList();
    }

    private static final List<BackendConfig> BACKENDS = List.of(
            new BackendConfig("sweden", Optional.of("swedencentral"), AccountKind.OpenAI, 1, 70,
                    models("gpt-4o", "gpt-4o-mini", "embed"), Optional.empty()),
            new BackendConfig("germany", Optional.of("germanywestcentral"), AccountKind.AIServices, 1, 30,
                    models("gpt-4o", "gpt-4o-mini", "embed"), Optional.empty()),
            BackendConfig.existing("shared", EXISTING_ID, 2, 100, List.of("gpt-4o")));

    private static final String OPERATION = "azure-native:apimanagement:ApiOperation";

    private static Plan plan(IdentityType identity, boolean streaming) {
        return plan(identity, streaming, null);
    }

    private static final String SUBNETS = "/subscriptions/3f2b8c1e-5d4a-4e6f-9a7b-2c1d0e9f8a7b/resourceGroups/rg-net/providers/Microsoft.Network"
            + "/virtualNetworks/vnet-ai/subnets/";

    private static Plan plan(IdentityType identity, boolean streaming, NetworkConfig network) {
        return PlanRunner.run("test", ctx -> {
            AiGatewayArgs.Builder gatewayArgs = AiGatewayArgs.builder()
                    .resourceGroupName("rg-test").location("swedencentral").serviceName("aigw-test-abc123")
                    .publisherEmail("platform@example.com").publisherName("Example Platform")
                    .identity(identity);
            if (network != null) {
                gatewayArgs.sku(Enums.ApimSku.Premium).network(network);
            }
            AiGateway gateway = new AiGateway("gw", gatewayArgs.build());
            OpenAiBackendPool pool = new OpenAiBackendPool("openai", OpenAiBackendPoolArgs.builder()
                    .gateway(gateway)
                    .backends(BACKENDS)
                    .nameSuffix("abc123")
                    .streaming(streaming)
                    .throttleSeconds(12)
                    .backendTimeoutSeconds(120)
                    .openAiSpecUrl("https://example.com/inference.json")
                    .build());
            ctx.export("backendUrls", pool.backendUrls);
            ctx.export("principalId", gateway.principalId);
        });
    }

    @Test
    void accountsAreKeylessAndNamedWithTheSuffix() {
        PlanQuery q = new PlanQuery(plan(IdentityType.SystemAssigned, true));
        assertThat(q.ofType(ACCOUNT)).extracting(PlannedResource::name)
                .containsExactlyInAnyOrder("openai-sweden-account", "openai-germany-account");
        PlannedResource sweden = q.get(ACCOUNT, "openai-sweden-account");
        assertThat(string(sweden, "accountName")).isEqualTo("aigw-sweden-abc123");
        assertThat(string(sweden, "properties.customSubDomainName")).isEqualTo("aigw-sweden-abc123");
        assertThat(input(sweden, "properties.disableLocalAuth")).isEqualTo(true);
        assertThat(string(sweden, "kind")).isEqualTo("OpenAI");
        assertThat(string(sweden, "sku.name")).isEqualTo("S0");
        assertThat(string(sweden, "identity.type")).isEqualTo("SystemAssigned");
        assertThat(string(sweden, "location")).isEqualTo("swedencentral");
        assertThat(string(q.get(ACCOUNT, "openai-germany-account"), "kind")).isEqualTo("AIServices");
    }

    @Test
    void deploymentsAreChainedWithinAnAccountAndParallelAcross() {
        PlanQuery q = new PlanQuery(plan(IdentityType.SystemAssigned, true));
        for (String region : List.of("sweden", "germany")) {
            PlannedResource first = q.get(MODEL, "openai-" + region + "-gpt-4o");
            PlannedResource second = q.get(MODEL, "openai-" + region + "-gpt-4o-mini");
            PlannedResource third = q.get(MODEL, "openai-" + region + "-embed");
            assertThat(first.dependsOn()).isEmpty();
            assertThat(second.dependsOn()).containsExactly(first.urn());
            assertThat(third.dependsOn()).containsExactly(second.urn());
            assertThat(string(first, "accountName")).isEqualTo("aigw-" + region + "-abc123");
            assertThat(string(first, "properties.model.format")).isEqualTo("OpenAI");
            assertThat(string(first, "properties.model.version")).isEqualTo("2024-11-20");
            assertThat(string(first, "sku.name")).isEqualTo("GlobalStandard");
            assertThat(input(first, "sku.capacity")).isEqualTo(10L);
        }
        assertThat(q.ofType(MODEL)).hasSize(6);
    }

    @Test
    void gatewayIdentityGetsOnlyTheOpenAiUserRoleOnEachAccount() {
        Plan plan = plan(IdentityType.SystemAssigned, true);
        PlanQuery q = new PlanQuery(plan);
        List<PlannedResource> roles = q.ofType(ROLE).stream().filter(r -> r.name().startsWith("openai-")).toList();
        assertThat(roles).hasSize(3);
        assertThat(roles).allSatisfy(r -> {
            assertThat(string(r, "roleDefinitionId")).isEqualTo("/subscriptions/" + PlanMocks.SUBSCRIPTION_ID
                    + "/providers/Microsoft.Authorization/roleDefinitions/5e0bd9bd-7b93-4f28-af87-19fc36ad61bd");
            assertThat(string(r, "principalType")).isEqualTo("ServicePrincipal");
            assertThat(string(r, "principalId")).isEqualTo(plan.outputs().get("principalId"));
            assertThat(string(r, "roleAssignmentName")).matches("[0-9a-f-]{36}");
        });
        assertThat(roles).extracting(r -> string(r, "roleAssignmentName")).doesNotHaveDuplicates();
        assertThat(string(q.get(ROLE, "openai-sweden-openai-user"), "scope"))
                .endsWith("/providers/Microsoft.CognitiveServices/accounts/aigw-sweden-abc123");
        assertThat(string(q.get(ROLE, "openai-shared-openai-user"), "scope")).isEqualTo(EXISTING_ID);
    }

    @Test
    void userAssignedRolesGoToTheIdentity() {
        Plan plan = plan(IdentityType.UserAssigned, true);
        PlanQuery q = new PlanQuery(plan);
        PlannedResource identity = q.get("azure-native:managedidentity:UserAssignedIdentity", "gw-identity");
        assertThat(identity).isNotNull();
        assertThat(q.ofType(ROLE)).allSatisfy(r ->
                assertThat(string(r, "principalId")).isEqualTo(plan.outputs().get("principalId")));
    }

    @Test
    void oneHttpsBackendPerAccountIncludingExistingOnes() {
        Plan plan = plan(IdentityType.SystemAssigned, true);
        PlanQuery q = new PlanQuery(plan);
        assertThat(q.ofType(BACKEND)).hasSize(3);
        assertThat(string(q.get(BACKEND, "openai-sweden-backend"), "url"))
                .isEqualTo("https://aigw-sweden-abc123.openai.azure.com/openai");
        assertThat(string(q.get(BACKEND, "openai-germany-backend"), "url"))
                .isEqualTo("https://aigw-germany-abc123.cognitiveservices.azure.com/openai");
        PlannedResource shared = q.get(BACKEND, "openai-shared-backend");
        assertThat(string(shared, "url")).isEqualTo("https://aoai-shared.openai.azure.com/openai");
        assertThat(string(shared, "backendId")).isEqualTo("openai-shared");
        assertThat(q.ofType(BACKEND)).allSatisfy(b -> {
            assertThat(input(b, "tls.validateCertificateChain")).isEqualTo(true);
            assertThat(input(b, "tls.validateCertificateName")).isEqualTo(true);
            assertThat(string(b, "url")).startsWith("https://");
        });
        @SuppressWarnings("unchecked")
        Map<String, Object> urls = (Map<String, Object>) plan.outputs().get("backendUrls");
        assertThat(urls).containsEntry("openai-shared",
                "https://aoai-shared.openai.azure.com/openai");
    }

    @Test
    void apiIsImportedFromThePinnedSpec() {
        PlanQuery q = new PlanQuery(plan(IdentityType.SystemAssigned, true));
        PlannedResource api = q.get("azure-native:apimanagement:Api", "openai-api");
        assertThat(string(api, "apiId")).isEqualTo("azure-openai");
        assertThat(string(api, "path")).isEqualTo("openai");
        assertThat(string(api, "format")).isEqualTo("openapi+json-link");
        assertThat(string(api, "value")).isEqualTo("https://example.com/inference.json");
        assertThat(input(api, "protocols")).isEqualTo(List.of("https"));
        assertThat(input(api, "subscriptionRequired")).isEqualTo(true);
        assertThat(string(api, "subscriptionKeyParameterNames.header")).isEqualTo("api-key");
    }

    @Test
    void apiPolicyIncludesTheFragmentsAndWaitsForThemAndTheBackends() {
        PlanQuery q = new PlanQuery(plan(IdentityType.SystemAssigned, true));
        PlannedResource policy = q.get("azure-native:apimanagement:ApiPolicy", "openai-api-policy");
        assertThat(string(policy, "format")).isEqualTo("rawxml");
        assertThat(string(policy, "policyId")).isEqualTo("policy");
        String xml = string(policy, "value");
        for (String id : List.of(AiGateway.AUTH_FRAGMENT, AiGateway.ERROR_FRAGMENT, OpenAiBackendPool.REQUEST_FRAGMENT,
                OpenAiBackendPool.ROUTE_FRAGMENT, OpenAiBackendPool.PICK_FRAGMENT, OpenAiBackendPool.FORWARD_FRAGMENT,
                OpenAiBackendPool.MARK_FRAGMENT, OpenAiBackendPool.SETTLE_FRAGMENT, OpenAiBackendPool.RESEND_FRAGMENT,
                OpenAiBackendPool.FAILOVER_FRAGMENT, OpenAiBackendPool.RESPONSE_FRAGMENT)) {
            assertThat(xml).contains("<include-fragment fragment-id=\"" + id + "\" />");
        }
        List<String> expected = new java.util.ArrayList<>();
        q.ofType("azure-native:resources:Deployment").forEach(d -> expected.add(d.urn()));
        q.ofType(BACKEND).forEach(b -> expected.add(b.urn()));
        q.ofType(OPERATION).forEach(o -> expected.add(o.urn()));
        expected.removeIf(u -> u.endsWith("::gw-direct-management"));
        // The global policy too: it must skip this API before the API forwards by itself with <base/>.
        expected.add(q.get("azure-native:apimanagement:Policy", "gw-global-policy").urn());
        assertThat(policy.dependsOn()).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(expected).hasSize(3 + 9 + 3 + 3 + 1);
    }

    /** The pinned spec predates the v1 API, so its operations are added beside the imported ones. */
    @Test
    void theV1OperationsAreAddedToTheImportedApi() {
        PlanQuery q = new PlanQuery(plan(IdentityType.SystemAssigned, true));
        assertThat(q.ofType(OPERATION)).extracting(o -> string(o, "method") + " " + string(o, "urlTemplate"))
                .containsExactlyInAnyOrder("POST /v1/chat/completions", "POST /v1/embeddings", "POST /v1/responses");
        assertThat(q.ofType(OPERATION)).allSatisfy(o -> assertThat(string(o, "apiId")).isEqualTo("azure-openai"));
        assertThat(string(q.get(OPERATION, "openai-v1-responses"), "operationId")).isEqualTo(OpenAiBackendPool.RESPONSES_OPERATION);
    }

    /** A deployment's own priority and weight win over its backend's; an existing account routes only what it names. */
    @Test
    void theRoutingTableHasOneRowPerDeploymentWithItsOwnPriorityAndWeight() {
        BackendConfig ptu = new BackendConfig("ptu", Optional.of("swedencentral"), AccountKind.OpenAI, 2, 50, List.of(
                new DeploymentConfig("chat", "gpt-4o", "2024-11-20", DeploymentSku.ProvisionedManaged, 50, Optional.of(1), Optional.empty()),
                new DeploymentConfig("embed", "text-embedding-3-large", "1", DeploymentSku.Standard, 10, Optional.empty(), Optional.of(7))),
                Optional.empty());
        BackendConfig shared = BackendConfig.existing("shared", EXISTING_ID, 3, 100, List.of("chat"));
        assertThat(OpenAiBackendPool.routeTable(List.of(ptu, shared), List.of("https://a/openai", "https://b/openai")))
                .isEqualTo("chat|openai-ptu|1|50|https://a/openai;embed|openai-ptu|2|7|https://a/openai;chat|openai-shared|3|100|https://b/openai");
    }

    private static String fragment(PlanQuery q, String id) {
        return FragmentDeployments.fragmentsOf(q.get("azure-native:resources:Deployment", "openai-" + id).inputs()).get(id);
    }

    /** The rendering of the routing and failover: what each try reads, and where the backend is chosen. */
    @Test
    void routingFragmentsCarryTheTableTheTimingsAndTheTryOrder() {
        PlanQuery q = new PlanQuery(plan(IdentityType.SystemAssigned, true));
        String route = fragment(q, OpenAiBackendPool.ROUTE_FRAGMENT);
        assertThat(route).contains("\"gpt-4o|openai-sweden|1|70|https://aigw-sweden-").contains(";gpt-4o|openai-shared|2|100|https://aoai-shared.openai.azure.com/openai\"");
        String forward = fragment(q, OpenAiBackendPool.FORWARD_FRAGMENT);
        assertThat(forward).contains("<forward-request timeout=\"120\" buffer-request-body=\"true\" buffer-response=\"false\" />");
        assertThat(forward).contains("<forward-request timeout=\"120\" buffer-request-body=\"true\" />");
        assertThat(fragment(q, OpenAiBackendPool.MARK_FRAGMENT)).contains("long waitMs = 12 * 1000L;").contains("retry-after-ms");
        assertThat(fragment(q, OpenAiBackendPool.RESEND_FRAGMENT)).contains("<send-request mode=\"copy\" response-variable-name=\"aigw-sent\" timeout=\"120\" ignore-error=\"true\">");
        String policy = string(q.get("azure-native:apimanagement:ApiPolicy", "openai-api-policy"), "value");
        assertThat(policy).contains("count=\"3\" interval=\"0\" first-fast-retry=\"true\"");
        // The backend is chosen inside the retry, so every try can pick another one.
        int retry = policy.indexOf("<retry");
        assertThat(retry).isLessThan(policy.indexOf(OpenAiBackendPool.PICK_FRAGMENT)).isGreaterThan(policy.indexOf(OpenAiBackendPool.ROUTE_FRAGMENT));
        assertThat(policy.indexOf(OpenAiBackendPool.PICK_FRAGMENT)).isLessThan(policy.indexOf(OpenAiBackendPool.FORWARD_FRAGMENT));
        assertThat(policy.indexOf("<on-error>")).isLessThan(policy.indexOf(OpenAiBackendPool.RESEND_FRAGMENT));
    }

    @Test
    void streamingSwitchReachesTheRequestFragment() {
        assertThat(fragment(new PlanQuery(plan(IdentityType.SystemAssigned, true)), OpenAiBackendPool.REQUEST_FRAGMENT))
                .contains("@(!true && context.Variables");
        assertThat(fragment(new PlanQuery(plan(IdentityType.SystemAssigned, false)), OpenAiBackendPool.REQUEST_FRAGMENT))
                .contains("@(!false && context.Variables");
    }

    /** With a network, the new accounts close their public endpoint and take a private one, registered in both privatelink zones. */
    @Test
    void withANetworkEveryNewAccountIsReachedThroughAPrivateEndpoint() {
        Plan plan = plan(IdentityType.SystemAssigned, true, new NetworkConfig(Enums.VnetMode.Internal, SUBNETS + "apim", Optional.empty(),
                SUBNETS + "private-endpoints", List.of()));
        PlanQuery q = new PlanQuery(plan);
        PlannedResource apim = q.get("azure-native:apimanagement:ApiManagementService", "gw-apim");
        assertThat(string(apim, "virtualNetworkType")).isEqualTo("Internal");
        assertThat(string(apim, "virtualNetworkConfiguration.subnetResourceId")).isEqualTo(SUBNETS + "apim");
        List<PlannedResource> zones = q.ofType("azure-native:network:PrivateZone");
        assertThat(zones).extracting(z -> string(z, "privateZoneName"))
                .containsExactlyInAnyOrder("privatelink.openai.azure.com", "privatelink.cognitiveservices.azure.com");
        assertThat(q.ofType("azure-native:network:VirtualNetworkLink")).hasSize(2).allSatisfy(l -> {
            assertThat(string(l, "virtualNetwork.id")).isEqualTo(SUBNETS.substring(0, SUBNETS.length() - "/subnets/".length()));
            assertThat(input(l, "registrationEnabled")).isEqualTo(false);
        });
        for (String region : List.of("sweden", "germany")) {
            PlannedResource account = q.get(ACCOUNT, "openai-" + region + "-account");
            assertThat(string(account, "properties.publicNetworkAccess")).isEqualTo("Disabled");
            PlannedResource endpoint = q.get("azure-native:network:PrivateEndpoint", "openai-" + region + "-private-endpoint");
            assertThat(string(endpoint, "subnet.id")).isEqualTo(SUBNETS + "private-endpoints");
            assertThat(string(endpoint, "privateLinkServiceConnections[0].privateLinkServiceId")).endsWith("/accounts/aigw-" + region + "-abc123");
            assertThat(input(endpoint, "privateLinkServiceConnections[0].groupIds")).isEqualTo(List.of("account"));
            PlannedResource group = q.get("azure-native:network:PrivateDnsZoneGroup", "openai-" + region + "-private-endpoint-dns");
            assertThat(string(group, "privateEndpointName")).isEqualTo("aigw-" + region + "-abc123-pe");
            assertThat(string(group, "privateDnsZoneConfigs[0].privateDnsZoneId")).endsWith("/privateDnsZones/privatelink.openai.azure.com");
            assertThat(string(group, "privateDnsZoneConfigs[1].privateDnsZoneId")).endsWith("/privateDnsZones/privatelink.cognitiveservices.azure.com");
        }
        // An existing account keeps its own network: no endpoint is made for it.
        assertThat(q.ofType("azure-native:network:PrivateEndpoint")).hasSize(2);
        assertThat(plan.baseline()).filteredOn(v -> v.rule().startsWith("Azure.AI.P")).allSatisfy(v ->
                assertThat(v.status()).isEqualTo(dev.aigateway.baseline.Baseline.Status.PASS));
    }

    @Test
    void givenPrivateDnsZonesAreUsedAndNoneIsCreated() {
        String zones = "/subscriptions/3f2b8c1e-5d4a-4e6f-9a7b-2c1d0e9f8a7b/resourceGroups/rg-hub-dns/providers/Microsoft.Network/privateDnsZones/";
        PlanQuery q = new PlanQuery(plan(IdentityType.SystemAssigned, true, new NetworkConfig(Enums.VnetMode.External, SUBNETS + "apim",
                Optional.empty(), SUBNETS + "private-endpoints", List.of(zones + "privatelink.cognitiveservices.azure.com",
                        zones + "privatelink.openai.azure.com"))));
        assertThat(q.ofType("azure-native:network:PrivateZone")).isEmpty();
        assertThat(string(q.get("azure-native:network:PrivateDnsZoneGroup", "openai-sweden-private-endpoint-dns"),
                "privateDnsZoneConfigs[0].privateDnsZoneId")).isEqualTo(zones + "privatelink.cognitiveservices.azure.com");
    }

    @Test
    void plansAreIdenticalRunToRun() {
        // The plan JSON is the contract; compile timings in the text may differ run to run.
        assertThat(PlanJson.write(plan(IdentityType.UserAssigned, true))).isEqualTo(PlanJson.write(plan(IdentityType.UserAssigned, true)));
    }
}
