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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The README's component example, body unchanged, under the mock engine. */
class ReadmeExampleTest {

    /** The lines of {@code text} between the first line containing {@code from} and the next "        });". */
    private static String body(String text, String from) {
        List<String> lines = text.lines().toList();
        int start = 0;
        while (!lines.get(start).contains(from)) {
            start++;
        }
        int end = start + 1;
        while (!lines.get(end).equals("        });")) {
            end++;
        }
        return String.join("\n", lines.subList(start + 1, end));
    }

    @Test
    void theTestRunsTheReadmesExampleAsWritten() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        String example = readme.substring(readme.indexOf("## Using the components from Java"));
        String test = Files.readString(Path.of("src/test/java/dev/aigateway/components/ReadmeExampleTest.java"));
        assertThat(body(test, "PlanRunner.run(\"example\", ctx -> {")).isEqualTo(body(example, "Pulumi.run(ctx -> {"));
    }

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

            var tenants = new TenantQuota("tenants", TenantQuotaArgs.builder()
                    .gateway(gateway)
                    .tenants(List.of(new TenantConfig("contoso", "Contoso", 20_000, Optional.of(10_000_000L),
                            Optional.of(QuotaPeriod.Monthly), List.of("web"), List.of("azure-openai"), List.of("gpt-4o"))))
                    .apis(Map.of("azure-openai", pool.api))
                    .deployments(pool.deployments)   // what tenants may be limited to
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
        // The existing account is given a role and a backend; nothing is deployed on it.
        assertThat(plan.resources()).extracting(Plan.PlannedResource::name).contains("openai-shared-backend")
                .doesNotContain("openai-shared-account", "openai-shared-gpt-4o")
                .contains("openai-sweden-embed").doesNotContain("openai-france-embed");
    }
}
