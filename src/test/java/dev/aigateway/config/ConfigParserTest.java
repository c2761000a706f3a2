package dev.aigateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aigateway.components.BackendConfig;
import dev.aigateway.components.Enums;
import dev.aigateway.components.Enums.AccountKind;
import dev.aigateway.components.Enums.ApimSku;
import dev.aigateway.components.Enums.DeploymentSku;
import dev.aigateway.components.Enums.IdentityType;
import dev.aigateway.components.TenantConfig;
import dev.aigateway.testing.StackFiles;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigParserTest {

    @Test
    void devStackParses() throws Exception {
        GatewayConfig c = GatewayConfig.fromStackFile(StackFiles.project("dev"));
        assertThat(c.stack()).isEqualTo("dev");
        assertThat(c.location()).isEqualTo("swedencentral");
        assertThat(c.gateway().sku()).isEqualTo(ApimSku.Developer);
        assertThat(c.gateway().identity()).isEqualTo(IdentityType.SystemAssigned);
        assertThat(c.gateway().protect()).isFalse();
        assertThat(c.backends()).extracting(BackendConfig::name).containsExactly("swedencentral", "francecentral");
        assertThat(c.backends()).extracting(BackendConfig::priority).containsExactly(1, 2);
    }

    @Test
    void prodStackHasTheProductionShape() throws Exception {
        GatewayConfig c = GatewayConfig.fromStackFile(StackFiles.project("prod"));
        assertThat(c.gateway().identity()).isEqualTo(IdentityType.UserAssigned);
        assertThat(c.gateway().protect()).isTrue();
        assertThat(c.backends().size()).isGreaterThanOrEqualTo(3);
        assertThat(c.backends()).extracting(BackendConfig::priority).contains(1, 2);
        BackendConfig shared = c.backends().stream().filter(BackendConfig::isExisting).findFirst().orElseThrow();
        assertThat(shared.existingAccountName()).contains("aoai-shared-eastus");
        assertThat(shared.existingResourceGroup()).contains("rg-shared-ai");
        assertThat(shared.deployments()).isEmpty();
        assertThat(shared.existingDeployments()).containsExactly("chat");
        // The PTU account serves every model; the others only chat.
        assertThat(c.backends()).extracting(b -> b.routes().stream().map(BackendConfig.Route::deployment).toList())
                .containsExactly(List.of("chat", "mini", "embed"), List.of("chat"), List.of("chat"), List.of("chat"));
    }

    @Test
    void deploymentsMaySetTheirOwnPriorityAndWeight() throws Exception {
        GatewayConfig c = GatewayConfig.fromStackFile(Path.of("src/test/resources/emulator/Pulumi.overrides.yaml"));
        assertThat(c.backends().get(0).routes()).containsExactly(new BackendConfig.Route("chat", 1, 100), new BackendConfig.Route("embed", 2, 100));
        assertThat(c.backends().get(1).routes()).containsExactly(new BackendConfig.Route("chat", 2, 30), new BackendConfig.Route("embed", 1, 100));
    }

    @Test
    void prodTenantsParse() throws Exception {
        GatewayConfig c = GatewayConfig.fromStackFile(StackFiles.project("prod"));
        assertThat(c.tenants()).extracting(TenantConfig::name).containsExactly("contoso", "fabrikam", "research");
        TenantConfig contoso = c.tenants().get(0);
        assertThat(contoso.tokensPerMinute()).isEqualTo(100_000);
        assertThat(contoso.tokenQuota()).contains(500_000_000L);
        assertThat(contoso.tokenQuotaPeriod()).contains(Enums.QuotaPeriod.Monthly);
        assertThat(contoso.subscriptions()).containsExactly("web", "batch");
        assertThat(contoso.subscriptionId("web")).isEqualTo("contoso-web");
        TenantConfig research = c.tenants().get(2);
        assertThat(research.tokenQuota()).isEmpty();
        assertThat(research.subscriptions()).containsExactly("default");
        assertThat(research.apis()).containsExactly("azure-openai");
        assertThat(research.deployments()).isEmpty();
        assertThat(c.tenants().get(1).deployments()).containsExactly("chat", "mini");
    }

    @Test
    void quotasBeyondIntegerRangeAreAccepted(@TempDir Path dir) throws Exception {
        String body = StackFiles.VALID + "  ai-gateway:tenants:\n"
                + "    - { name: big, tokensPerMinute: 2000000000, tokenQuota: 90000000000, tokenQuotaPeriod: Yearly }\n";
        GatewayConfig c = GatewayConfig.fromStackFile(StackFiles.write(dir, "test", body));
        assertThat(c.tenants().get(0).tokenQuota()).contains(90_000_000_000L);
    }

    @Test
    void defaultsApply(@TempDir Path dir) throws Exception {
        GatewayConfig c = GatewayConfig.fromStackFile(StackFiles.write(dir, "test", StackFiles.VALID));
        GatewaySettings g = c.gateway();
        assertThat(g.sku()).isEqualTo(ApimSku.Developer);
        assertThat(g.capacity()).isEqualTo(1);
        assertThat(g.streaming()).isTrue();
        assertThat(g.namePrefix()).isEqualTo("aigw");
        assertThat(g.resourceGroupName()).isEqualTo("rg-aigw-test");
        assertThat(g.throttleSeconds()).isEqualTo(10);
        assertThat(g.backendTimeoutSeconds()).isEqualTo(180);
        assertThat(g.openAiSpecUrl()).endsWith("/inference/stable/2024-02-01/inference.json");
        BackendConfig b = c.backends().get(0);
        assertThat(b.kind()).isEqualTo(AccountKind.OpenAI);
        assertThat(b.weight()).isEqualTo(100);
        assertThat(b.deployments().get(0).sku()).isEqualTo(DeploymentSku.GlobalStandard);
    }

    @Test
    void previewSpecVersionsComeFromThePreviewFolder(@TempDir Path dir) throws Exception {
        String body = StackFiles.VALID.replace("publisherName: Example Platform",
                "publisherName: Example Platform\n    openAiSpecVersion: 2025-03-01-preview");
        GatewayConfig c = GatewayConfig.fromStackFile(StackFiles.write(dir, "test", body));
        assertThat(c.gateway().openAiSpecUrl()).endsWith("/inference/preview/2025-03-01-preview/inference.json");
    }

    @Test
    void engineConfigAndStackFileGiveTheSameConfig() throws Exception {
        for (String stack : List.of("dev", "prod")) {
            GatewayConfig fromEngine = EngineConfig.read(EngineShape.environment(StackFiles.project(stack)), w -> {});
            assertThat(fromEngine).isEqualTo(GatewayConfig.fromStackFile(StackFiles.project(stack)));
        }
    }

    @Test
    void numbersGivenAsStringsAreAccepted(@TempDir Path dir) throws Exception {
        String body = StackFiles.VALID.replace("priority: 2", "priority: \"2\"");
        GatewayConfig c = GatewayConfig.fromStackFile(StackFiles.write(dir, "test", body));
        assertThat(c.backends().get(1).priority()).isEqualTo(2);
    }

    @Test
    void stackFileMustBeNamedForItsStack(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("stack.yaml");
        java.nio.file.Files.writeString(file, StackFiles.VALID);
        assertThatThrownBy(() -> GatewayConfig.fromStackFile(file))
                .isInstanceOf(ConfigException.class)
                .hasMessage("stack file: must be named Pulumi.<stack>.yaml (got \"stack.yaml\")");
    }
}
