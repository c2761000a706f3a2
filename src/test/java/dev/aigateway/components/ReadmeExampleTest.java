package dev.aigateway.components;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aigateway.components.BackendConfig;
import dev.aigateway.components.DeploymentConfig;
import dev.aigateway.components.Enums.AccountKind;
import dev.aigateway.components.Enums.DeploymentSku;
import dev.aigateway.components.Enums.IdentityType;
import dev.aigateway.components.Enums.QuotaPeriod;
import dev.aigateway.components.TenantConfig;
import dev.aigateway.plan.Plan;
import dev.aigateway.plan.PlanRunner;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The README's component example, body unchanged, under the mock engine. */
class ReadmeExampleTest {

    @Test
    void readmeExamplePlansCleanly() {
        Plan plan = PlanRunner.run("example", ctx -> {
            var gateway = new AiGateway("gateway", AiGatewayArgs.builder()
                    .resourceGroupName("rg-platform-ai")
                    .location("swedencentral")
                    .serviceName("contoso-ai-gw")          // global DNS name
                    .publisherEmail("platform@contoso.com")
                    .publisherName("Contoso Platform")
                    .identity(IdentityType.UserAssigned)
                    .build());

            var gpt4o = List.of(new DeploymentConfig("gpt-4o", "gpt-4o", "2024-11-20", DeploymentSku.GlobalStandard, 100));
            var pool = new OpenAiBackendPool("openai", OpenAiBackendPoolArgs.builder()
                    .gateway(gateway)
                    .backends(List.of(
                            new BackendConfig("sweden", Optional.of("swedencentral"), AccountKind.OpenAI, 1, 100, gpt4o, Optional.empty()),
                            new BackendConfig("france", Optional.of("francecentral"), AccountKind.OpenAI, 2, 100, gpt4o, Optional.empty())))
                    .openAiSpecUrl("https://raw.githubusercontent.com/Azure/azure-rest-api-specs/main/specification/"
                            + "cognitiveservices/data-plane/AzureOpenAI/inference/stable/2024-02-01/inference.json")
                    .build());

            var tenants = new TenantQuota("tenants", TenantQuotaArgs.builder()
                    .gateway(gateway)
                    .tenants(List.of(new TenantConfig("contoso", "Contoso", 20_000, Optional.of(10_000_000L),
                            Optional.of(QuotaPeriod.Monthly), List.of("web"), List.of("azure-openai"))))
                    .apis(Map.of("azure-openai", pool.api))
                    .build());

            ctx.export("endpoint", gateway.gatewayUrl.applyValue(u -> u + "/openai"));
            ctx.export("backends", pool.backendUrls);
            ctx.export("keys", tenants.subscriptionKeys);   // secret
        });
        assertThat(plan.lint().ok()).isTrue();
        assertThat(plan.outputs()).containsEntry("endpoint", "https://contoso-ai-gw.azure-api.net/openai")
                .containsEntry("keys", "[secret]");
        // Without a nameSuffix the pool makes its own RandomString.
        assertThat(plan.resources()).extracting(Plan.PlannedResource::name).contains("openai-suffix");
    }
}
