package dev.aigateway.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aigateway.emulator.sim.Fault;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** A deployment's own priority and weight win over its backend's, per deployment, in both directions. */
class DeploymentPriorityScenariosTest extends EmulatorFixture {
    private static final String EMBEDDINGS = "{\"input\":\"hello\"}";

    @Override
    protected Path stack() {
        return Path.of("src/test/resources/emulator/Pulumi.overrides.yaml");
    }

    /** Which backends answered {@code n} successful requests for {@code deployment}, by what the simulators answered. */
    private Map<String, Integer> answers(String deployment, int n) {
        Map<String, Long> before = served(deployment);
        for (int i = 0; i < n; i++) {
            HttpResponse<String> r = deployment.equals("chat") ? client.chat("team-default", "chat")
                    : client.post("team-default", GatewayClient.path(deployment, "embeddings"), EMBEDDINGS);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        }
        Map<String, Integer> by = new TreeMap<>();
        served(deployment).forEach((b, count) -> {
            long answered = count - before.getOrDefault(b, 0L);
            if (answered > 0) {
                by.put(b, (int) answered);
            }
        });
        return by;
    }

    private Map<String, Long> served(String deployment) {
        Map<String, Long> by = new TreeMap<>();
        emulator.backends().forEach((b, sim) -> by.put(b, sim.requests().stream().filter(s -> deployment.equals(s.deployment()) && s.status() == 200).count()));
        return by;
    }

    @Test
    void chatPrefersTheAccountWhoseChatDeploymentIsPriorityOneAndSpillsByTheDeploymentsWeights() {
        assertThat(answers("chat", 30)).containsOnlyKeys("ptu");
        emulator.backend("ptu").fault(Fault.status(429).retryAfter(60).forDeployment("chat").times(1));
        Map<String, Integer> spill = answers("chat", 500);
        assertThat(spill).containsOnlyKeys("france", "germany");
        assertThat(spill.get("germany")).isBetween(315, 385); // 70 % of 500
    }

    @Test
    void embeddingsKeepTheBackendsPriorityAndReachTheProvisionedAccountOnlyAsFallback() {
        assertThat(answers("embed", 30)).containsOnlyKeys("france");
        emulator.backend("france").fault(Fault.status(429).retryAfter(60).forDeployment("embed").times(1));
        assertThat(answers("embed", 10)).containsOnlyKeys("ptu");
        // Chat at the provisioned account was never benched by france's embeddings.
        assertThat(answers("chat", 10)).containsOnlyKeys("ptu");
    }
}
