package dev.aigateway.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aigateway.config.GatewayConfig;
import dev.aigateway.plan.Plan;
import dev.aigateway.plan.PlanRunner;
import dev.aigateway.testing.CompilerAvailable;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The emulator's policy elements, each against what its reference page says: the failover stack
 * with the Azure OpenAI API's policy replaced by one that exercises an element per X-Case.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PolicySemanticsTest {
    private Emulator emulator;
    private GatewayClient client;

    @BeforeAll
    void start() throws Exception {
        CompilerAvailable.get();
        GatewayConfig config = GatewayConfig.fromStackFile(Path.of("src/test/resources/emulator/Pulumi.failover.yaml"));
        Plan plan = PlanRunner.run(config);
        String policy = Files.readString(Path.of("src/test/resources/emulator/semantics-api-policy.xml"));
        List<Plan.PlannedResource> resources = new ArrayList<>();
        for (Plan.PlannedResource r : plan.resources()) {
            if (r.name().equals("openai-api-policy")) {
                Map<String, Object> inputs = new TreeMap<>(r.inputs());
                inputs.put("value", policy);
                r = new Plan.PlannedResource(r.urn(), r.type(), r.name(), r.parent(), r.protect(), r.dependsOn(), inputs);
            }
            resources.add(r);
        }
        emulator = Emulator.start(config, new Plan(plan.stack(), resources, plan.outputs(), plan.lint()), EmulatorOptions.defaults().manualClock());
        client = new GatewayClient(emulator);
    }

    @AfterAll
    void stop() {
        if (emulator != null) {
            emulator.close();
        }
    }

    @BeforeEach
    void reset() {
        emulator.reset();
    }

    private HttpResponse<String> call(String testCase, String... headers) {
        HttpRequest.Builder r = client.request("team-default", GatewayClient.path("chat", "chat/completions")).header("X-Case", testCase);
        for (int i = 0; i < headers.length; i += 2) {
            r.header(headers[i], headers[i + 1]);
        }
        return client.send(r.POST(HttpRequest.BodyPublishers.ofString(GatewayClient.HELLO)).build());
    }

    @Test
    void setHeaderOverridesSkipsAppendsAndDeletes() {
        HttpResponse<String> r = call("headers", "X-A", "old", "X-B", "old", "X-C", "first", "X-D", "gone");
        assertThat(r.headers().firstValue("X-Seen")).contains("1,2;old;added;first,more;no-D");
    }

    @Test
    void retryRunsOnceThenUpToCountMoreWhileTheConditionHolds() {
        Instant before = emulator.now();
        assertThat(call("retry").body()).isEqualTo("4 2");
        // first-fast-retry: the one retry that ran did not wait its 10 s.
        assertThat(Duration.between(before, emulator.now())).isZero();
    }

    @Test
    void aCacheMissSetsTheDefaultOrNothingAndAStoreIsNotVisibleWithinItsRequest() {
        assertThat(call("cache").body()).isEqualTo("unset none not yet");
        assertThat(call("cache").body()).isEqualTo("stored stored stored");
        emulator.advance(Duration.ofSeconds(61));
        assertThat(call("cache").body()).isEqualTo("unset none not yet");
    }

    @Test
    void readingAVariableAsAnotherTypeFailsTheRequestThroughOnError() {
        HttpResponse<String> r = call("cast");
        assertThat(r.statusCode()).isEqualTo(500);
        assertThat(r.headers().firstValue("X-Error")).contains("set-variable|ExpressionValueEvaluationFailure|inbound|500");
    }

    @Test
    void aBodyReadWithoutPreserveContentIsGone() {
        HttpResponse<String> r = call("body");
        assertThat(r.statusCode()).isEqualTo(500);
        assertThat(r.headers().firstValue("X-Error")).contains("set-variable|ExpressionValueEvaluationFailure|inbound|500");
    }

    @Test
    void rateLimitByKeyRefusesWith429AndRetryAfterBeforeOnErrorRuns() {
        assertThat(call("rate").headers().firstValue("X-Remaining")).contains("1");
        assertThat(call("rate").headers().firstValue("X-Remaining")).contains("0");
        HttpResponse<String> refused = call("rate");
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Retry-After")).contains("60");
        assertThat(refused.headers().firstValue("X-Error")).contains("rate-limit-by-key|RateLimitExceeded|inbound|429");
        emulator.advance(Duration.ofSeconds(60));
        assertThat(call("rate").statusCode()).isEqualTo(200);
    }

    @Test
    void quotaByKeyRefusesWith403UntilItsPeriodEnds() {
        assertThat(call("quota").statusCode()).isEqualTo(200);
        HttpResponse<String> refused = call("quota");
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.headers().firstValue("X-Error")).contains("quota-by-key|QuotaExceeded|inbound|403");
        assertThat(Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 3600L);
    }

    @Test
    void theContextCarriesTheMatchedApiOperationProductAndSubscription() {
        Instant now = emulator.now();
        String[] parts = call("context").body().split("\\|");
        assertThat(parts).startsWith("azure-openai", "ChatCompletions_Create", "team", "team-default", "chat", "swedencentral");
        assertThat(Instant.parse(parts[6])).as("the request's timestamp is the emulated clock's").isEqualTo(now);
    }

    @Test
    void withoutAKeyOrWithAWrongOneTheGatewayAnswers401BeforeAnyPolicy() {
        HttpResponse<String> none = client.send(client.request(null, GatewayClient.path("chat", "chat/completions")).header("X-Case", "context")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build());
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.body()).contains("missing subscription key");
        assertThat(none.headers().firstValue("X-Error")).contains("authorization|SubscriptionKeyNotFound|inbound|401");
    }
}
