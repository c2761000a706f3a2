package dev.aigateway.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aigateway.components.FragmentDeployments;
import dev.aigateway.config.GatewayConfig;
import dev.aigateway.plan.Plan.PlannedResource;
import dev.aigateway.testing.StackFiles;
import java.util.List;
import org.junit.jupiter.api.Test;

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
}
