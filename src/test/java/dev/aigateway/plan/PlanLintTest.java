package dev.aigateway.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aigateway.components.FragmentDeployments;
import dev.aigateway.config.GatewayConfig;
import dev.aigateway.plan.Plan.PlannedResource;
import dev.aigateway.testing.StackFiles;
import java.util.List;
import dev.aigateway.testing.CompilerAvailable;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The plan lints each policy against what the same plan defines: its fragments, backends and loggers. */
class PlanLintTest {

    @Test
    void aMissingFragmentDeploymentIsFoundAndSoIsTheModelCallWithoutAuth() throws Exception {
        Plan plan = PlanRunner.run(GatewayConfig.fromStackFile(StackFiles.project("prod")));
        assertThat(PlanRunner.lint(plan.resources()).problems()).isEmpty();
        List<PlannedResource> withoutAuth = plan.resources().stream()
                .filter(r -> !FragmentDeployments.fragmentsOf(r.inputs()).containsKey("aigw-managed-identity-auth"))
                .toList();
        assertThat(withoutAuth).hasSize(plan.resources().size() - 1);
        List<String> problems = PlanRunner.lint(withoutAuth).problems();
        assertThat(problems).anyMatch(p -> p.contains("[reference]") && p.contains("fragment 'aigw-managed-identity-auth' is not defined"));
        assertThat(problems).anyMatch(p -> p.contains("[openai-auth]"));
    }

    @Test
    void everyPolicyDocumentOfThePlanIsLinted() throws Exception {
        Plan plan = PlanRunner.run(GatewayConfig.fromStackFile(StackFiles.project("prod")));
        long fragments = plan.resources().stream().mapToLong(r -> FragmentDeployments.fragmentsOf(r.inputs()).size()).sum();
        long documents = plan.resources().stream().filter(r -> PlanRunner.policyScope(r.type()) != null).count();
        assertThat(plan.lint().checked()).isEqualTo(fragments + documents);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.aigateway.plan.GoldenPlanTest#stacks")
    void everyExpressionOfEveryStackCompiles(String stack) throws IOException {
        CompilerAvailable.get();
        Plan plan = PlanRunner.run(GatewayConfig.fromStackFile(StackFiles.project(stack)));
        assertThat(plan.lint().expressions().compiled()).isTrue();
        assertThat(plan.lint().expressions().count()).isGreaterThan(20);
        assertThat(plan.lint().problems()).isEmpty();
        assertThat(plan.lint().expressions().warnings()).isEmpty();
    }

}
