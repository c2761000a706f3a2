package dev.aigateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aigateway.App;
import dev.aigateway.testing.CompilerAvailable;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code serve} as a user types it: it says where it listens, writes the keys, and answers. */
class ServeCommandTest {

    /** Output that signals once the gateway says it listens. */
    static final class Watched extends Writer {
        final StringBuffer text = new StringBuffer();
        final CountDownLatch listening = new CountDownLatch(1);

        @Override
        public void write(char[] buf, int off, int len) {
            text.append(buf, off, len);
            int at = text.indexOf("gateway listening on ");
            if (at >= 0 && text.indexOf("\n", at) > 0) {
                listening.countDown();
            }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void servesTheDevStack(@TempDir Path dir) throws Exception {
        CompilerAvailable.get();
        int port = freePort();
        Path keys = dir.resolve("keys.json");
        Path faults = Files.writeString(dir.resolve("faults.json"),
                "[{\"simulator\": \"swedencentral\", \"fault\": {\"kind\": \"STATUS\", \"status\": 429, \"retryAfter\": \"5\", \"times\": 1}}]");
        Watched out = new Watched();
        AtomicInteger code = new AtomicInteger(-1);
        Thread serve = new Thread(() -> code.set(App.execute(new String[] {"serve", "--stack", "dev", "--port", Integer.toString(port),
                "--control-port", Integer.toString(freePortQuietly()), "--keys", keys.toString(), "--faults", faults.toString()}, new PrintWriter(out, true),
                new PrintWriter(new StringWriter(), true))));
        serve.start();
        try {
            assertThat(out.listening.await(90, TimeUnit.SECONDS)).as(out.text.toString()).isTrue();
            assertThat(out.text.toString()).contains("gateway listening on http://127.0.0.1:" + port + "\n")
                    .contains("backend swedencentral (embed, gpt-4o-mini): simulated on http://127.0.0.1:")
                    .contains("subscription platform-dev-default key ");
            JsonNode written = new ObjectMapper().readTree(Files.readString(keys));
            String key = written.get("platform-dev-default").asText();
            assertThat(key).hasSize(32);
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/openai/deployments/gpt-4o-mini/chat/completions?api-version=2024-02-01"))
                    .header("api-key", key).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            // swedencentral starts with a 429 from the faults file, so its fallback answers.
            assertThat(r.body()).contains("Hello from francecentral");

            // The petstore's MCP server, as an agent reaches it: the official client lists and calls its tools.
            assertThat(out.text.toString()).contains("MCP server petstore-mcp (Streamable HTTP): http://127.0.0.1:" + port + "/petstore-mcp/mcp\n");
            try (McpSyncClient agent = McpClient.sync(HttpClientStreamableHttpTransport.builder("http://127.0.0.1:" + port)
                    .endpoint("/petstore-mcp/mcp").httpRequestCustomizer((request, method, uri, body, context) ->
                            request.header("Ocp-Apim-Subscription-Key", key).header("X-Agent-Id", "serve-test")).build())
                    .requestTimeout(java.time.Duration.ofSeconds(30)).build()) {
                agent.initialize();
                assertThat(agent.listTools().tools()).extracting(McpSchema.Tool::name).hasSize(19).contains("getPetById", "addPet", "findPetsByTags");
                McpSchema.CallToolResult pet = agent.callTool(new McpSchema.CallToolRequest("getPetById", java.util.Map.of("petId", 7)));
                assertThat(pet.isError()).isFalse();
                assertThat(((McpSchema.TextContent) pet.content().get(0)).text()).contains("\"path\":\"/api/v3/pet/7\"");
            }
        } finally {
            serve.interrupt();
            serve.join(30_000);
        }
        assertThat(code.get()).isZero();
    }

    private static int freePortQuietly() {
        try {
            return freePort();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aChoiceThatDoesNotExistIsOneLine() {
        StringWriter err = new StringWriter();
        int code = App.execute(new String[] {"serve", "--stack", "dev", "--option", "retryCatchesErrors=maybe"},
                new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("error: --option emulator choice retryCatchesErrors=maybe: choices are retryCatchesErrors=false|true"
                + System.lineSeparator());
    }
}
