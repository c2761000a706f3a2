package dev.aigateway.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aigateway.App;
import dev.aigateway.components.FragmentDeployments;
import dev.aigateway.config.GatewayConfig;
import dev.aigateway.plan.Plan.PlannedResource;
import dev.aigateway.testing.Golden;
import dev.aigateway.testing.StackFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One golden plan per stack file, plus its rendered policies as readable XML. A pull request that
 * changes infrastructure changes these files, and the diff is the review. To accept a change:
 * {@code mvn -B verify -Dgolden.update=true}, then read {@code git diff src/test/resources/golden}.
 */
class GoldenPlanTest {

    static List<String> stacks() throws IOException {
        try (var files = Files.list(Path.of("."))) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.matches("Pulumi\\.[a-z0-9-]+\\.yaml"))
                    .map(n -> n.substring("Pulumi.".length(), n.length() - ".yaml".length()))
                    .sorted().toList();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stacks")
    void planMatchesGolden(String stack) throws IOException {
        Plan plan = PlanRunner.run(GatewayConfig.fromStackFile(StackFiles.project(stack)));
        assertThat(plan.lint().problems()).isEmpty();
        Golden.assertMatches("plan-" + stack + ".json", PlanJson.write(plan));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stacks")
    void policiesMatchGolden(String stack) throws IOException {
        Plan plan = PlanRunner.run(GatewayConfig.fromStackFile(StackFiles.project(stack)));
        Map<String, String> policies = new TreeMap<>();
        for (PlannedResource r : plan.resources()) {
            FragmentDeployments.fragmentsOf(r.inputs()).forEach((id, xml) -> policies.put("fragment-" + id, xml));
            FragmentDeployments.apiPoliciesOf(r.inputs()).forEach((id, xml) -> policies.put("api-" + id, xml));
            if (r.type().equals("azure-native:apimanagement:ApiPolicy")) {
                policies.put("api-" + r.inputs().get("apiId"), String.valueOf(r.inputs().get("value")));
            }
            if (r.type().equals("azure-native:apimanagement:ProductPolicy")) {
                policies.put("product-" + r.inputs().get("productId"), String.valueOf(r.inputs().get("value")));
            }
        }
        assertThat(policies).containsKeys("api-azure-openai", "fragment-aigw-openai-route");
        for (Map.Entry<String, String> p : policies.entrySet()) {
            Golden.assertMatches("policies/" + stack + "/" + p.getKey() + ".xml", p.getValue());
        }
        // A policy the plan no longer registers must not linger as a golden file.
        try (var files = Files.list(Path.of("src/test/resources/golden/policies/" + stack))) {
            assertThat(files.map(f -> f.getFileName().toString().replaceAll("\\.xml$", "")).sorted().toList())
                    .isEqualTo(List.copyOf(policies.keySet()));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stacks")
    void twoRunsGiveByteIdenticalJson(String stack, @TempDir Path dir) {
        Path a = dir.resolve("a.json");
        Path b = dir.resolve("b.json");
        assertThat(run("plan", "--config", StackFiles.project(stack).toString(), "--json", a.toString())).isZero();
        assertThat(run("plan", "--config", StackFiles.project(stack).toString(), "--json", b.toString())).isZero();
        assertThat(a).hasSameBinaryContentAs(b);
    }

    private static int run(String... args) {
        return App.execute(args, new PrintWriter(new StringWriter(), true), new PrintWriter(new StringWriter(), true));
    }
}
