package dev.aigateway.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aigateway.emulator.sim.Fault;
import dev.aigateway.emulator.sim.Seen;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.client.transport.McpHttpClientTransportAuthorizationException;
import io.modelcontextprotocol.spec.McpSchema;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The orders tool API served as an MCP server by the emulated gateway, driven by the official MCP
 * Java SDK client over Streamable HTTP: the MCP server's policy (per-agent limit, screening) runs,
 * then the REST operation's, then the simulated REST backend answers.
 */
class McpServerScenariosTest extends EmulatorFixture {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ENDPOINT = "/orders-mcp/mcp";
    private final List<McpSyncClient> open = new ArrayList<>();

    @Override
    protected Path stack() {
        return Path.of("src/test/resources/emulator/Pulumi.mcp.yaml");
    }

    /** An initialized client with the tenant's key and, unless null, an agent id. */
    McpSyncClient agent(String agentId) {
        return agent(emulator.key("agents-default"), agentId);
    }

    McpSyncClient agent(String key, String agentId) {
        HttpClientStreamableHttpTransport transport = HttpClientStreamableHttpTransport.builder(emulator.url()).endpoint(ENDPOINT)
                .httpRequestCustomizer((request, method, uri, body, context) -> {
                    request.header("Ocp-Apim-Subscription-Key", key);
                    if (agentId != null) {
                        request.header("X-Agent-Id", agentId);
                    }
                }).build();
        McpSyncClient client = McpClient.sync(transport).requestTimeout(Duration.ofSeconds(30)).build();
        open.add(client);
        client.initialize();
        return client;
    }

    @AfterEach
    void closeClients() {
        open.forEach(McpSyncClient::closeGracefully);
        open.clear();
    }

    private static McpSchema.CallToolRequest order(String item) {
        return new McpSchema.CallToolRequest("placeOrder", Map.of("customerId", "c-42", "X-Channel", "agent",
                "body", Map.of("item", item, "quantity", 2)));
    }

    private static String text(McpSchema.CallToolResult result) {
        return ((McpSchema.TextContent) result.content().get(0)).text();
    }

    @Test
    void theToolsListedAreTheOperationsNamedWithTheirNamesDescriptionsAndSchemas() throws Exception {
        McpSyncClient client = agent("agent-list");
        McpSchema.InitializeResult init = client.getCurrentInitializationResult();
        assertThat(init.serverInfo().name()).isEqualTo("orders-mcp");
        assertThat(init.capabilities().tools()).isNotNull();
        assertThat(init.capabilities().resources()).as("APIM's MCP servers offer tools only").isNull();

        List<McpSchema.Tool> tools = client.listTools().tools();
        assertThat(tools).extracting(McpSchema.Tool::name).containsExactly("listOrders", "placeOrder");
        McpSchema.Tool place = tools.get(1);
        assertThat(place.description()).isEqualTo("Place an order for a customer.");
        JsonNode schema = JSON.valueToTree(place.inputSchema());
        assertThat(schema.path("type").asText()).isEqualTo("object");
        assertThat(schema.path("required")).extracting(JsonNode::asText).containsExactlyInAnyOrder("customerId", "X-Channel", "body");
        assertThat(schema.at("/properties/tags/type").asText()).isEqualTo("array");
        assertThat(schema.at("/properties/X-Channel/enum/1").asText()).isEqualTo("agent");
        assertThat(schema.at("/properties/body/properties/quantity/minimum").asInt()).isEqualTo(1);
    }

    @Test
    void aToolCallReachesTheBackendAsTheOperationsRequestAndItsAnswerIsTheResult() throws Exception {
        McpSyncClient client = agent("agent-call");
        McpSchema.CallToolResult result = client.callTool(new McpSchema.CallToolRequest("placeOrder", Map.of(
                "customerId", "c 42", "tags", List.of("gift", "rush"), "dryRun", true, "X-Channel", "agent",
                "body", Map.of("item", "tea", "quantity", 2))));
        assertThat(result.isError()).isFalse();

        Seen seen = emulator.toolApi("orders").requests().get(0);
        assertThat(seen.method()).isEqualTo("POST");
        assertThat(seen.path()).isEqualTo("/api/customers/c 42/orders");
        assertThat(seen.header("X-Channel")).isEqualTo("agent");
        assertThat(seen.header("Content-Type")).startsWith("application/json");
        assertThat(JSON.readTree(seen.bodyText())).isEqualTo(JSON.readTree("{\"item\":\"tea\",\"quantity\":2}"));
        assertThat(seen.header("Ocp-Apim-Subscription-Key")).as("the gateway keeps the key to itself").isNull();

        // The simulated backend echoes what it received; that answer is the tool's result.
        JsonNode echo = JSON.readTree(text(result));
        assertThat(echo.path("path").asText()).isEqualTo("/api/customers/c%2042/orders");
        assertThat(echo.path("query").asText()).as("form, explode false: one comma-separated value")
                .isEqualTo("tags=gift%2Crush&dryRun=true");

        // An argument stays one path segment: a '/' in it is encoded, and a whole '..' is refused.
        McpSchema.CallToolResult slashed = client.callTool(new McpSchema.CallToolRequest("listOrders", Map.of("customerId", "a/../b")));
        assertThat(JSON.readTree(text(slashed)).path("path").asText()).isEqualTo("/api/customers/a%2F..%2Fb/orders");
        assertThatThrownBy(() -> client.callTool(new McpSchema.CallToolRequest("listOrders", Map.of("customerId", ".."))))
                .hasMessageContaining("cannot be '..'");

        McpSchema.CallToolResult listed = client.callTool(new McpSchema.CallToolRequest("listOrders",
                Map.of("customerId", "c-42", "filter", Map.of("status", "open"))));
        assertThat(JSON.readTree(text(listed)).path("query").asText()).as("deepObject").isEqualTo("filter%5Bstatus%5D=open");

        McpSchema.CallToolResult sorted = client.callTool(new McpSchema.CallToolRequest("listOrders", Map.of("customerId", "c-42",
                "sort", Map.of("by", "date"))));
        assertThat(JSON.readTree(text(sorted)).path("query").asText()).as("pipeDelimited object").isEqualTo("sort=by%7Cdate");
    }

    @Test
    void anOperationLeftOutOfTheServerIsNoTool() {
        McpSyncClient client = agent("agent-missing");
        assertThatThrownBy(() -> client.callTool(new McpSchema.CallToolRequest("cancelOrder", Map.of("orderId", 7))))
                .hasMessageContaining("Unknown tool: cancelOrder");
        assertThatThrownBy(() -> client.callTool(new McpSchema.CallToolRequest("placeOrder", Map.of("customerId", "c-1"))))
                .as("a missing required argument").hasMessageContaining("X-Channel is required");
        assertThat(emulator.toolApi("orders").requests()).isEmpty();
    }

    private HttpResponse<String> post(String agentId, String body) {
        return client.send(client.request(null, ENDPOINT).header("Ocp-Apim-Subscription-Key", emulator.key("agents-default"))
                .header("X-Agent-Id", agentId).header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    /** Methods the server does not offer get -32601; a batch (removed in MCP 2025-06-18) is refused but counts as a call. */
    @Test
    void otherMethodsAndBatchesAreRefusedAndABatchCountsAgainstTheLimit() {
        HttpResponse<String> prompts = post("agent-raw", "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"prompts/list\"}");
        assertThat(prompts.statusCode()).isEqualTo(200);
        assertThat(GatewayClient.json(prompts).at("/error/code").asInt()).isEqualTo(-32601);
        String batch = "[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}]";
        for (int i = 0; i < 10; i++) {
            HttpResponse<String> refused = post("agent-batch", batch);
            assertThat(refused.statusCode()).isEqualTo(400);
            assertThat(GatewayClient.json(refused).at("/error/code").asInt()).isEqualTo(-32600);
        }
        assertThat(post("agent-batch", batch).statusCode()).as("the 11th batch in a minute meets the limit").isEqualTo(429);
    }

    @Test
    void theEleventhCallInAMinuteFromOneAgentIsRefusedWhileAnotherAgentGetsThrough() {
        McpSyncClient a = agent("agent-a");
        for (int i = 0; i < 10; i++) {
            assertThat(a.callTool(order("tea")).isError()).isFalse();
        }
        assertThatThrownBy(() -> a.callTool(order("tea"))).hasMessageContaining("429");
        McpSyncClient b = agent("agent-b");
        assertThat(b.callTool(order("tea")).isError()).isFalse();
        assertThat(emulator.toolApi("orders").requests()).hasSize(11);
        // Listing tools and the session's own messages do not count: only tool calls reach the backend.
        assertThat(a.listTools().tools()).hasSize(2);

        emulator.advance(Duration.ofSeconds(61));
        assertThat(a.callTool(order("tea")).isError()).isFalse();
    }

    @Test
    void callersWithoutAnAgentIdShareTheAnonymousLimit() {
        McpSyncClient first = agent(null);
        McpSyncClient second = agent(null);
        assertThat(first.callTool(order("tea")).isError()).isFalse();
        assertThat(second.callTool(order("tea")).isError()).isFalse();
        assertThat(first.callTool(order("tea")).isError()).isFalse();
        assertThatThrownBy(() -> second.callTool(order("tea"))).hasMessageContaining("429");
        assertThatThrownBy(() -> first.callTool(order("tea"))).hasMessageContaining("429");
        assertThat(agent("agent-named").callTool(order("tea")).isError()).as("an identified agent has its own limit").isFalse();
    }

    /** A refusal is the tool call's result (isError, the reason as text), not a transport failure: the agent sees why. */
    @Test
    void aFlaggedInputIsRefusedBeforeTheBackendAndAnOutageFailsClosed() throws Exception {
        McpSyncClient client = agent("agent-screened");
        McpSchema.CallToolResult flagged = client.callTool(order("a violent parcel"));
        assertThat(flagged.isError()).isTrue();
        JsonNode reason = JSON.readTree(text(flagged));
        assertThat(reason.path("code").asText()).isEqualTo("ContentFiltered");
        assertThat(reason.path("categories")).extracting(JsonNode::asText).containsExactly("Violence");
        assertThat(emulator.contentSafety().requests()).singleElement()
                .satisfies(s -> assertThat(s.bodyText()).contains("a violent parcel").doesNotContain("tools/call"));
        emulator.contentSafety().fault(Fault.status(503));
        McpSchema.CallToolResult unscreened = client.callTool(order("a calm parcel"));
        assertThat(unscreened.isError()).isTrue();
        assertThat(JSON.readTree(text(unscreened)).path("code").asText()).isEqualTo("ScreeningUnavailable");
        assertThat(emulator.toolApi("orders").requests()).isEmpty();
        emulator.contentSafety().clearFaults();
        assertThat(client.callTool(order("a calm parcel")).isError()).as("screened again once the service is back").isFalse();
    }

    @Test
    void theSubscriptionKeyIsRequiredAndOnlyProductsLinkingTheServerOpenIt() {
        assertThatThrownBy(() -> agent("not-a-key", "agent-x")).hasRootCauseInstanceOf(McpHttpClientTransportAuthorizationException.class);
        assertThatThrownBy(() -> agent(emulator.key("other-default"), "agent-x")).as("the other tenant's product does not link the server")
                .hasRootCauseInstanceOf(McpHttpClientTransportAuthorizationException.class);
        assertThat(emulator.requests()).extracting(Emulator.Handled::status).containsOnly(401);
        assertThat(emulator.toolApi("orders").requests()).isEmpty();
    }

    /** The REST API is the server's tool source, linked to no tenant product: a tenant's key cannot bypass the MCP server's limit. */
    @Test
    void theRestApiBehindTheServerIsClosedToTenants() {
        HttpResponse<String> direct = client.send(client.request(null, "/tools/orders/customers/c-1/orders")
                .header("Ocp-Apim-Subscription-Key", emulator.key("agents-default")).header("X-Channel", "web")
                .POST(HttpRequest.BodyPublishers.ofString("{\"item\":\"tea\"}")).build());
        assertThat(direct.statusCode()).isEqualTo(401);
        assertThat(emulator.toolApi("orders").requests()).isEmpty();
    }

    @Test
    void theEndpointTakesPostedMessagesOnly() {
        HttpResponse<String> get = client.send(client.request(null, ENDPOINT).header("Ocp-Apim-Subscription-Key", emulator.key("agents-default"))
                .header("Accept", "text/event-stream").GET().build());
        assertThat(get.statusCode()).isEqualTo(405);
        HttpResponse<String> notJson = client.send(client.request(null, ENDPOINT).header("Ocp-Apim-Subscription-Key", emulator.key("agents-default"))
                .POST(HttpRequest.BodyPublishers.ofString("hello")).build());
        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(notJson.body()).contains("-32700");
    }
}
