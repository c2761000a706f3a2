package dev.aigateway.components;

import static dev.aigateway.testing.PlanQuery.input;
import static dev.aigateway.testing.PlanQuery.string;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aigateway.config.GatewayConfig;
import dev.aigateway.plan.Plan.PlannedResource;
import dev.aigateway.plan.PlanRunner;
import dev.aigateway.testing.PlanQuery;
import dev.aigateway.testing.StackFiles;
import java.util.List;
import org.junit.jupiter.api.Test;

/** PromptSafety under the mock engine, in the prod stack that switches it on. */
class PromptSafetyTest {

    @Test
    void theProdStackScreensPromptsWithAnAccountTheGatewayIdentityMayCall() throws Exception {
        PlanQuery q = new PlanQuery(PlanRunner.run(GatewayConfig.fromStackFile(StackFiles.project("prod"))));
        PlannedResource account = q.get("azure-native:cognitiveservices:Account", "prompt-safety-content-safety");
        assertThat(string(account, "kind")).isEqualTo("ContentSafety");
        assertThat(input(account, "properties.disableLocalAuth")).isEqualTo(true);
        assertThat(string(account, "properties.publicNetworkAccess")).isEqualTo("Disabled");
        PlannedResource role = q.get("azure-native:authorization:RoleAssignment", "prompt-safety-content-safety-user");
        assertThat(string(role, "roleDefinitionId")).endsWith("/roleDefinitions/" + ContentSafetyAccount.COGNITIVE_SERVICES_USER_ROLE);

        PlannedResource policy = q.get("azure-native:apimanagement:ApiPolicy", "openai-api-policy");
        String value = string(policy, "value");
        assertThat(value.indexOf("aigw-openai-request")).isLessThan(value.indexOf("<include-fragment fragment-id=\"aigw-prompt-safety\" />"));
        assertThat(policy.dependsOn()).anyMatch(d -> d.endsWith("prompt-safety-content-safety-user"))
                .anyMatch(d -> d.endsWith("prompt-safety-aigw-prompt-safety"));
    }

    @Test
    void itsInputsCheckThemselves() {
        assertThatThrownBy(() -> PromptSafetyArgs.builder().config(new PromptSafetyConfig(List.of("Hate"), 9, true, false)).build())
                .hasMessage("config.threshold: must be at most 7 (got 9)");
        assertThatThrownBy(() -> PromptSafetyArgs.builder().build()).hasMessage("config: is required (got nothing)");
    }
}
