package dev.aigateway.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aigateway.config.GatewayConfig;
import dev.aigateway.plan.Plan.PlannedResource;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A reviewer reads the plan on a pull request: no key, connection string or token may appear in
 * it, as an output or as an input. The mocks make each secret's value predictable, so the test
 * knows what to look for.
 */
class SecretsInPlanTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"dev", "prod"})
    void noSecretValueAppearsInThePlanTextOrJson(String stack) throws Exception {
        Plan plan = PlanRunner.run(GatewayConfig.fromStackFile(Path.of("Pulumi." + stack + ".yaml")));
        List<String> secrets = new ArrayList<>();
        for (PlannedResource r : plan.resources()) {
            if (r.type().equals("azure-native:apimanagement:Subscription")) {
                String sid = String.valueOf(r.inputs().get("sid"));
                secrets.add(PlanMocks.mockKey("primary/" + sid));
                secrets.add(PlanMocks.mockKey("secondary/" + sid));
            }
            if (r.type().equals("azure-native:insights:Component")) {
                secrets.add(PlanMocks.uuid("ikey/" + r.name()));
            }
        }
        assertThat(secrets).hasSizeGreaterThan(2);
        String text = PlanText.render(plan);
        String json = PlanJson.write(plan);
        for (String secret : secrets) {
            assertThat(text).doesNotContain(secret);
            assertThat(json).doesNotContain(secret);
        }
        // Marked where they would have been: the logger's credentials and the keys output.
        PlannedResource logger = plan.resources().stream().filter(r -> r.type().equals("azure-native:apimanagement:Logger")).findFirst().orElseThrow();
        assertThat(logger.inputs().get("credentials")).isEqualTo(PlanRunner.SECRET);
        assertThat(plan.outputs().get("tenantSubscriptionKeys")).isEqualTo(PlanRunner.SECRET);
    }
}
