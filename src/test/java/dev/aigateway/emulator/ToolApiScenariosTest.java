package dev.aigateway.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aigateway.testing.StackFiles;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The dev stack's tool API (the petstore) as agents reach it, through its MCP server, in plain
 * JSON-RPC over HTTP so the gateway's headers show; what the tenant product and the global policy
 * do to it. The MCP SDK scenarios are in {@link McpServerScenariosTest}.
 */
class ToolApiScenariosTest extends EmulatorFixture {
    private static final String MCP = "/petstore-mcp/mcp";
    private static final String GET_PET = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"getPetById\",\"arguments\":{\"petId\":7}}}";

    @Override
    protected Path stack() {
        return StackFiles.project("dev");
    }

    private HttpResponse<String> toolCall(String pathAndQuery, boolean keyInHeader) {
        HttpRequest.Builder r = client.request(null, pathAndQuery).header("X-Agent-Id", "agent-dev").header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream");
        if (keyInHeader) {
            r.header("Ocp-Apim-Subscription-Key", emulator.key("platform-dev-default"));
        }
        return client.send(r.POST(HttpRequest.BodyPublishers.ofString(GET_PET)).build());
    }

    @Test
    void aToolCallReachesTheRestBackendOnceAndIsNotCountedAsTokens() {
        HttpResponse<String> answer = toolCall(MCP, true);
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(GatewayClient.json(answer).at("/result/isError").asBoolean()).isFalse();
        assertThat(emulator.toolApi("petstore").requests()).singleElement().satisfies(s -> assertThat(s.path()).isEqualTo("/api/v3/pet/7"));
        // The tenant's product links the MCP server too, but its token limit is for the model API alone.
        assertThat(answer.headers().firstValue("x-tenant-remaining-tokens")).isEmpty();
        assertThat(emulator.metrics().toString()).doesNotContain("petstore");
    }

    /**
     * The global policy forwards what does not forward itself (the MCP server, the tool call's
     * REST API), and leaves the Azure OpenAI API, which forwards by itself, alone: each request
     * reaches one backend once.
     */
    @Test
    void theGlobalBackendForwardsWhatDoesNotForwardItselfAndNothingTwice() {
        assertThat(toolCall(MCP, true).statusCode()).isEqualTo(200);
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
        HttpResponse<String> tool = toolCall(MCP + "?subscription-key=" + key, false);
        assertThat(tool.statusCode()).isEqualTo(401);
        assertThat(GatewayClient.json(tool).path("error").path("code").asText()).isEqualTo("SubscriptionKeyInQuery");
        assertThat(emulator.backends().values()).allSatisfy(b -> assertThat(b.requests()).isEmpty());
        assertThat(emulator.toolApi("petstore").requests()).isEmpty();
        // The same key in its header is fine.
        assertThat(client.chat("platform-dev-default", "gpt-4o-mini").statusCode()).isEqualTo(200);
    }

    /** The REST API behind the server takes the platform team's all-access key, without the agents' limit. */
    @Test
    void theRestApiIsForThePlatformTeamOnly() {
        HttpResponse<String> tenant = client.send(client.request(null, "/tools/petstore/pet/7")
                .header("Ocp-Apim-Subscription-Key", emulator.key("platform-dev-default")).GET().build());
        assertThat(tenant.statusCode()).isEqualTo(401);
        HttpResponse<String> platform = client.send(client.request(null, "/tools/petstore/pet/7")
                .header("Ocp-Apim-Subscription-Key", emulator.key("master")).GET().build());
        assertThat(platform.statusCode()).isEqualTo(200);
        assertThat(emulator.toolApi("petstore").requests()).hasSize(1);
    }
}
