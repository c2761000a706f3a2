package dev.aigateway.components;

import static dev.aigateway.testing.PlanQuery.input;
import static dev.aigateway.testing.PlanQuery.string;
import static org.assertj.core.api.Assertions.assertThat;

import com.pulumi.core.internal.Internal;
import com.pulumi.resources.Resource;
import dev.aigateway.components.Enums.ApimSku;
import dev.aigateway.components.Enums.IdentityType;
import dev.aigateway.plan.Plan;
import dev.aigateway.plan.Plan.PlannedResource;
import dev.aigateway.plan.PlanRunner;
import dev.aigateway.testing.OutputValues;
import dev.aigateway.testing.PlanQuery;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** AiGateway under the mock engine: the resource graph, its inputs and the outputs. */
class AiGatewayTest {
    private static final String APIM = "azure-native:apimanagement:ApiManagementService";
    private static final String DEPLOYMENT = "azure-native:resources:Deployment";

    private static AiGatewayArgs.Builder args(IdentityType identity) {
        return AiGatewayArgs.builder()
                .resourceGroupName("rg-test")
                .location("swedencentral")
                .serviceName("aigw-test-abc123")
                .publisherEmail("platform@example.com")
                .publisherName("Example Platform")
                .sku(ApimSku.Standard)
                .capacity(2)
                .identity(identity);
    }

    private static Plan plan(AiGatewayArgs args, AtomicReference<AiGateway> out) {
        return PlanRunner.run("test", ctx -> {
            AiGateway gateway = new AiGateway("gw", args);
            out.set(gateway);
            ctx.export("gatewayUrl", gateway.gatewayUrl);
            ctx.export("principalId", gateway.principalId);
            ctx.export("loggerId", gateway.loggerId);
        });
    }

    @Test
    void systemAssignedGateway() {
        AtomicReference<AiGateway> gw = new AtomicReference<>();
        Plan plan = plan(args(IdentityType.SystemAssigned).build(), gw);
        PlanQuery q = new PlanQuery(plan);

        PlannedResource component = q.get(AiGateway.TYPE, "gw");
        assertThat(q.ofType("azure-native:managedidentity:UserAssignedIdentity")).isEmpty();
        assertThat(plan.resources()).filteredOn(r -> r != component)
                .allSatisfy(r -> assertThat(r.parent()).isEqualTo(component.urn()));

        PlannedResource apim = q.get(APIM, "gw-apim");
        assertThat(string(apim, "serviceName")).isEqualTo("aigw-test-abc123");
        assertThat(string(apim, "identity.type")).isEqualTo("SystemAssigned");
        assertThat(string(apim, "sku.name")).isEqualTo("Standard");
        assertThat(input(apim, "sku.capacity")).isEqualTo(2L);
        assertThat(string(apim, "apiVersionConstraint.minApiVersion")).isEqualTo("2021-08-01");
        @SuppressWarnings("unchecked")
        Map<String, Object> custom = (Map<String, Object>) input(apim, "customProperties");
        assertThat(custom.keySet()).hasSize(14);
        assertThat(custom.values()).containsOnly("False");
        assertThat(custom).containsKey("Microsoft.WindowsAzure.ApiManagement.Gateway.Security.Backend.Protocols.Tls11");

        PlannedResource logs = q.get("azure-native:operationalinsights:Workspace", "gw-logs");
        PlannedResource appInsights = q.get("azure-native:insights:Component", "gw-appinsights");
        assertThat(string(appInsights, "workspaceResourceId")).endsWith("/workspaces/" + string(logs, "workspaceName"));
        assertThat(string(appInsights, "ingestionMode")).isEqualTo("LogAnalytics");

        PlannedResource logger = q.get("azure-native:apimanagement:Logger", "gw-logger");
        assertThat(string(logger, "loggerType")).isEqualTo("applicationInsights");
        assertThat(string(logger, "resourceId")).endsWith("/components/aigw-test-abc123-appinsights");
        // Local authentication is off: the logger publishes with the gateway's identity, which holds the publisher role.
        assertThat(input(appInsights, "disableLocalAuth")).isEqualTo(true);
        // The credentials hold the connection string: secret, so the plan shows only the mark.
        assertThat(input(logger, "credentials")).isEqualTo("[secret]");
        assertThat(AiGateway.loggerCredentials("InstrumentationKey=k", "SystemAssigned"))
                .containsOnlyKeys("connectionString", "identityClientId").containsEntry("identityClientId", "SystemAssigned");
        PlannedResource publisher = q.get("azure-native:authorization:RoleAssignment", "gw-appinsights-publisher");
        assertThat(string(publisher, "roleDefinitionId")).endsWith("/" + AiGateway.METRICS_PUBLISHER_ROLE);
        assertThat(string(publisher, "scope")).isEqualTo(string(logger, "resourceId"));
        assertThat(logger.dependsOn()).contains(publisher.urn());

        PlannedResource settings = q.get("azure-native:insights:DiagnosticSetting", "gw-apim-diagnostics");
        assertThat(string(settings, "resourceUri")).endsWith("/service/aigw-test-abc123");
        assertThat(string(settings, "workspaceId")).endsWith("/workspaces/" + string(logs, "workspaceName"));
        assertThat(string(settings, "logs[0].categoryGroup")).isEqualTo("allLogs");

        PlannedResource diagnostic = q.get("azure-native:apimanagement:Diagnostic", "gw-diagnostic");
        assertThat(input(diagnostic, "metrics")).isEqualTo(true);
        assertThat(string(diagnostic, "loggerId")).endsWith("/loggers/appinsights");
        for (String side : List.of("frontend", "backend")) {
            for (String message : List.of("request", "response")) {
                assertThat(input(diagnostic, side + "." + message + ".body.bytes")).as(side + " " + message).isEqualTo(0L);
            }
        }

        assertThat(q.ofType(DEPLOYMENT)).extracting(PlannedResource::name)
                .containsExactlyInAnyOrder("gw-aigw-managed-identity-auth", "gw-aigw-errors", "gw-aigw-token-metrics", "gw-direct-management");
        assertThat(string(q.get(DEPLOYMENT, "gw-direct-management"), "properties.template.resources[0].type"))
                .isEqualTo("Microsoft.ApiManagement/service/tenant");
        assertThat(input(q.get(DEPLOYMENT, "gw-direct-management"), "properties.template.resources[0].properties.enabled")).isEqualTo(false);
        String auth = FragmentDeployments.fragmentsOf(q.get(DEPLOYMENT, "gw-aigw-managed-identity-auth").inputs())
                .get(AiGateway.AUTH_FRAGMENT);
        assertThat(auth).contains("<authentication-managed-identity resource=\"https://cognitiveservices.azure.com\" />")
                .doesNotContain("client-id=");

        // The global policy forwards like APIM's default, except for APIs that forward by themselves.
        String global = string(q.get("azure-native:apimanagement:Policy", "gw-global-policy"), "value");
        assertThat(global).contains("!context.Variables.GetValueOrDefault<bool>(\"aigw-forwards-itself\", false)").contains("<forward-request />");

        String principal = string(apim, "serviceName");
        assertThat(plan.outputs()).containsEntry("gatewayUrl", "https://" + principal + ".azure-api.net");
        assertThat(plan.outputs().get("principalId")).isNotNull();
        assertThat(plan.outputs().get("loggerId")).asString().endsWith("/loggers/appinsights");
        assertThat(OutputValues.value(gw.get().identityClientId)).isEqualTo(java.util.Optional.empty());
    }

    @Test
    void userAssignedIdentityComesFirstAndCarriesTheClientId() {
        AtomicReference<AiGateway> gw = new AtomicReference<>();
        Plan plan = plan(args(IdentityType.UserAssigned).build(), gw);
        PlanQuery q = new PlanQuery(plan);

        PlannedResource identity = q.get("azure-native:managedidentity:UserAssignedIdentity", "gw-identity");
        PlannedResource apim = q.get(APIM, "gw-apim");
        assertThat(string(apim, "identity.type")).isEqualTo("UserAssigned");
        Map<?, ?> assigned = (Map<?, ?>) input(apim, "identity.userAssignedIdentities");
        assertThat(assigned.keySet()).singleElement().asString()
                .endsWith("/userAssignedIdentities/" + string(identity, "resourceName"));

        String auth = FragmentDeployments.fragmentsOf(q.get(DEPLOYMENT, "gw-aigw-managed-identity-auth").inputs())
                .get(AiGateway.AUTH_FRAGMENT);
        String clientId = (String) OutputValues.value(gw.get().identityClientId).orElseThrow();
        assertThat(auth).contains("client-id=\"" + clientId + "\"");

        // The principal that gets roles comes from the identity alone, not from the APIM service,
        // so role assignments need not wait for the service.
        List<Resource> feeding = List.copyOf(Internal.of(gw.get().principalId).getDataAsync().join().getResources());
        assertThat(feeding).extracting(Resource::pulumiResourceType)
                .contains("azure-native:managedidentity:UserAssignedIdentity")
                .doesNotContain(APIM);
    }

    @Test
    void protectMarksOnlyStatefulResources() {
        Plan plan = plan(args(IdentityType.SystemAssigned).protect(true).build(), new AtomicReference<>());
        assertThat(plan.resources()).filteredOn(PlannedResource::protect).extracting(PlannedResource::name)
                .containsExactlyInAnyOrder("gw-apim", "gw-logs", "gw-appinsights");
    }
}
