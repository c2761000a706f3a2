package dev.aigateway.config;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aigateway.components.BackendConfig;
import dev.aigateway.components.DeploymentConfig;
import dev.aigateway.components.Enums.AccountKind;
import dev.aigateway.components.Enums.ApimSku;
import dev.aigateway.components.Enums.DeploymentSku;
import dev.aigateway.components.Enums.IdentityType;
import dev.aigateway.components.InvalidInputException;
import dev.aigateway.components.TenantConfig;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The stack program's input checks itself with the components' rules, whoever builds it. */
class GatewayConfigTest {
    static final List<BackendConfig> BACKENDS = List.of(new BackendConfig("sweden", Optional.of("swedencentral"), AccountKind.OpenAI, 1, 100,
            List.of(new DeploymentConfig("gpt-4o", "gpt-4o", "2024-11-20", DeploymentSku.GlobalStandard, 10)), Optional.empty()));

    static GatewaySettings settings(UnaryOperator<Object[]> change) {
        Object[] v = {"platform@example.com", "Platform", ApimSku.Developer, 1, IdentityType.SystemAssigned, true, false, "aigw",
                "rg-aigw-dev", "2024-02-01", 10, 180};
        v = change.apply(v);
        return new GatewaySettings((String) v[0], (String) v[1], (ApimSku) v[2], (int) v[3], (IdentityType) v[4], (boolean) v[5],
                (boolean) v[6], (String) v[7], (String) v[8], (String) v[9], (int) v[10], (int) v[11]);
    }

    static UnaryOperator<Object[]> set(int index, Object value) {
        return v -> {
            v[index] = value;
            return v;
        };
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("stack name with capitals", "Dev", "swedencentral", settings(v -> v),
                        "stack: must be 1-20 lowercase letters, digits or '-', starting with a letter or digit (got \"Dev\")"),
                Arguments.of("location not a region", "dev", "Sweden Central", settings(v -> v),
                        "location: must be an Azure region name such as swedencentral (got \"Sweden Central\")"),
                Arguments.of("malformed email", "dev", "swedencentral", settings(set(0, "platform.example.com")),
                        "gateway.publisherEmail: must be an email address (got \"platform.example.com\")"),
                Arguments.of("capacity above the sku's limit", "dev", "swedencentral", settings(set(3, 2)),
                        "gateway.capacity: must be at most 1 units for sku Developer (got 2)"),
                Arguments.of("name prefix invalid", "dev", "swedencentral", settings(set(7, "AI-GW")),
                        "gateway.namePrefix: must be 2-12 lowercase letters or digits, starting with a letter (got \"AI-GW\")"),
                Arguments.of("resource group ending in a dot", "dev", "swedencentral", settings(set(8, "rg.")),
                        "gateway.resourceGroupName: must be 1-90 letters, digits, '-', '_', '.', '(' or ')', not ending in '.' and without '..' (got \"rg.\")"),
                Arguments.of("spec version not a date", "dev", "swedencentral", settings(set(9, "latest")),
                        "gateway.openAiSpecVersion: must be an inference API version such as 2024-02-01 or 2025-03-01-preview (got \"latest\")"),
                Arguments.of("throttle zero", "dev", "swedencentral", settings(set(10, 0)), "gateway.throttleSeconds: must be at least 1 (got 0)"),
                Arguments.of("timeout too long", "dev", "swedencentral", settings(set(11, 600)),
                        "gateway.backendTimeoutSeconds: must be at most 240 (got 600)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void refusedWithTheRuleText(String what, String stack, String location, GatewaySettings gateway, String message) {
        assertThatThrownBy(() -> new GatewayConfig(stack, location, gateway, BACKENDS, List.of(), List.of()))
                .isInstanceOf(InvalidInputException.class).hasMessage(message);
    }

    @Test
    void tenantsMayNameOnlyTheGatewaysApis() {
        TenantConfig tenant = new TenantConfig("contoso", "Contoso", 1000, Optional.empty(), Optional.empty(), List.of("web"), List.of("petstore"));
        assertThatThrownBy(() -> new GatewayConfig("dev", "swedencentral", settings(v -> v), BACKENDS, List.of(tenant), List.of()))
                .hasMessage("tenants[0].apis[0]: must name an API of this gateway: azure-openai (got \"petstore\")");
        assertThatCode(() -> new GatewayConfig("dev", "swedencentral", settings(v -> v), BACKENDS, List.of(TenantConfig.of("contoso", 1000)),
                List.of())).doesNotThrowAnyException();
    }
}
