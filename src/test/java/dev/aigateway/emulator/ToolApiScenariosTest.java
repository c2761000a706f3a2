package dev.aigateway.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aigateway.emulator.sim.Fault;
import dev.aigateway.testing.StackFiles;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The dev stack's tool API (the petstore) executed: its per-agent rate limit and its input screening. */
class ToolApiScenariosTest extends EmulatorFixture {
    @Override
    protected Path stack() {
        return StackFiles.project("dev");
    }

    private HttpResponse<String> call(String agent, String body) {
        HttpRequest.Builder r = client.request(null, "/tools/petstore/pet").header("Ocp-Apim-Subscription-Key", emulator.key("platform-dev-default"));
        if (agent != null) {
            r.header("X-Agent-Id", agent);
        }
        return client.send(r.POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    @Test
    void eachAgentHasItsOwnRateLimitAndTheRefusalKeepsItsRetryAfter() {
        for (int i = 0; i < 10; i++) {
            assertThat(call("agent-a", "{\"name\":\"rex\"}").statusCode()).isEqualTo(200);
        }
        HttpResponse<String> refused = call("agent-a", "{\"name\":\"rex\"}");
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Retry-After")).isPresent();
        assertThat(refused.body()).contains("Rate limit is exceeded");
        assertThat(call("agent-b", "{\"name\":\"rex\"}").statusCode()).isEqualTo(200);
        assertThat(emulator.toolApi("petstore").requests()).hasSize(11);
    }

    @Test
    void flaggedInputIsRefusedBeforeTheBackendAndAnOutageFailsClosed() {
        HttpResponse<String> flagged = call("agent-c", "{\"name\":\"a violent dog\"}");
        assertThat(flagged.statusCode()).isEqualTo(400);
        assertThat(flagged.body()).contains("ContentFiltered").contains("Violence");
        emulator.contentSafety().fault(Fault.status(503));
        HttpResponse<String> unscreened = call("agent-c", "{\"name\":\"a calm dog\"}");
        assertThat(unscreened.statusCode()).isEqualTo(503);
        assertThat(emulator.toolApi("petstore").requests()).isEmpty();
    }

    @Test
    void theRestCallReachesTheBackendAsSent() {
        HttpResponse<String> ok = call("agent-d", "{\"name\":\"rex\"}");
        assertThat(ok.statusCode()).isEqualTo(200);
        var seen = emulator.toolApi("petstore").requests();
        assertThat(seen).singleElement().satisfies(s -> {
            assertThat(s.path()).isEqualTo("/api/v3/pet");
            assertThat(s.bodyText()).isEqualTo("{\"name\":\"rex\"}");
            assertThat(s.header("Ocp-Apim-Subscription-Key")).as("the gateway keeps the key to itself").isNull();
        });
    }

    /**
     * The global policy forwards the tool API (it keeps <base/> in its backend section), and leaves
     * the Azure OpenAI API, which forwards by itself with <base/> in its own, alone: each request
     * reaches one backend once.
     */
    @Test
    void theGlobalBackendForwardsWhatDoesNotForwardItselfAndNothingTwice() {
        assertThat(call("agent-e", "{\"name\":\"rex\"}").statusCode()).isEqualTo(200);
        assertThat(emulator.toolApi("petstore").requests()).hasSize(1);
        assertThat(client.chat("platform-dev-default", "gpt-4o-mini").statusCode()).isEqualTo(200);
        assertThat(emulator.backends().values().stream().mapToLong(b -> b.requests().size()).sum()).isEqualTo(1);
    }

    /** APIM accepts a subscription key in the query string; the gateway refuses such requests, for every API, before any backend. */
    @Test
    void aKeyInTheQueryStringIsRefusedAndTheClientToldWhereItGoes() {
        String key = emulator.key("platform-dev-default");
        HttpResponse<String> openAi = client.send(client.request(null, GatewayClient.path("gpt-4o-mini", "chat/completions") + "&api-key=" + key)
                .POST(HttpRequest.BodyPublishers.ofString(GatewayClient.HELLO)).build());
        assertThat(openAi.statusCode()).isEqualTo(401);
        assertThat(GatewayClient.json(openAi).path("error").path("code").asText()).isEqualTo("SubscriptionKeyInQuery");
        HttpResponse<String> tool = client.send(client.request(null, "/tools/petstore/pet?subscription-key=" + key).header("X-Agent-Id", "agent-f")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"rex\"}")).build());
        assertThat(tool.statusCode()).isEqualTo(401);
        assertThat(emulator.backends().values()).allSatisfy(b -> assertThat(b.requests()).isEmpty());
        assertThat(emulator.toolApi("petstore").requests()).isEmpty();
        // The same key in its header is fine.
        assertThat(client.chat("platform-dev-default", "gpt-4o-mini").statusCode()).isEqualTo(200);
    }
}
