package dev.aigateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aigateway.App;
import dev.aigateway.testing.StackFiles;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Bad MCP tool config and unusable OpenAPI documents: one line, exit 2, nothing planned. */
class McpToolsBadInputTest {
    static final String TOOL = "    - name: petstore\n      openApi: specs/petstore.yaml\n      serviceUrl: https://petstore.example.com/api\n";
    static final String SPEC_HEAD = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\n";

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("duplicate tool names", TOOL + TOOL.replace("specs/petstore.yaml", "specs/petstore.yaml"), null,
                        "ai-gateway:mcpTools[1].name: must be unique among mcpTools (got \"petstore\")"),
                Arguments.of("path under the OpenAI API", TOOL + "      path: openai/tools\n", null,
                        "ai-gateway:mcpTools[0].path: must not overlap the gateway's Azure OpenAI API path 'openai' (tool path: openai/tools) (got \"openai/tools\")"),
                Arguments.of("paths of two tools overlap", TOOL + "      path: tools\n" + TOOL.replace("name: petstore", "name: other"), null,
                        "ai-gateway:mcpTools[1].name: must not overlap the paths of mcpTools entry 'petstore' (tools, petstore-mcp) (got \"other\")"),
                Arguments.of("MCP path inside the tool API's own", TOOL + "      mcpPath: tools/petstore/mcp\n", null,
                        "ai-gateway:mcpTools[0].mcpPath: must not overlap the tool API's own path 'tools/petstore' (got \"tools/petstore/mcp\")"),
                Arguments.of("MCP path under the OpenAI API", TOOL + "      mcpPath: openai\n", null,
                        "ai-gateway:mcpTools[0].mcpPath: must not overlap the gateway's Azure OpenAI API path 'openai' (MCP path: openai) (got \"openai\")"),
                Arguments.of("MCP path with a leading slash", TOOL + "      mcpPath: /pets\n", null,
                        "ai-gateway:mcpTools[0].mcpPath: must be lowercase path segments of letters, digits and '-', without leading '/' (got \"/pets\")"),
                Arguments.of("an MCP path over another tool's path", TOOL + TOOL.replace("name: petstore", "name: other") + "      mcpPath: tools/petstore\n", null,
                        "ai-gateway:mcpTools[1].mcpPath: must not overlap the paths of mcpTools entry 'petstore' (tools/petstore, petstore-mcp) (got \"tools/petstore\")"),
                Arguments.of("an operation the document lacks", TOOL + "      operations: [getPetById, getPetByName]\n", null,
                        "ai-gateway:mcpTools[0].operations[1]: must name an operation of the document (its operationId, or method_path for one "
                                + "without): updatePet, addPet, findPetsByStatus, findPetsByTags, getPetById, updatePetWithForm, deletePet, "
                                + "uploadFile, getInventory, placeOrder, getOrderById, deleteOrder, … (got \"getPetByName\")"),
                Arguments.of("an operation named twice", TOOL + "      operations: [getPetById, getPetById]\n", null,
                        "ai-gateway:mcpTools[0].operations[1]: must be unique (got \"getPetById\")"),
                Arguments.of("no operations at all", TOOL + "      operations: []\n", null,
                        "ai-gateway:mcpTools[0].operations: must have at least 1 entry (got [])"),
                Arguments.of("calls below 1", TOOL + "      rateLimit: { calls: 0, renewalPeriod: 60 }\n", null,
                        "ai-gateway:mcpTools[0].rateLimit.calls: must be at least 1 (got 0)"),
                Arguments.of("renewal period below 1", TOOL + "      rateLimit: { calls: 5, renewalPeriod: 0 }\n", null,
                        "ai-gateway:mcpTools[0].rateLimit.renewalPeriod: must be at least 1 (got 0)"),
                Arguments.of("anonymous limit looser than the agent limit",
                        TOOL + "      rateLimit: { calls: 5, renewalPeriod: 60 }\n      anonymousRateLimit: { calls: 10, renewalPeriod: 60 }\n", null,
                        "ai-gateway:mcpTools[0].anonymousRateLimit: must not allow more calls per second than rateLimit (5 per 60 s) (got {\"calls\":10,\"renewalPeriod\":60})"),
                Arguments.of("http service URL", TOOL.replace("https://petstore", "http://petstore"), null,
                        "ai-gateway:mcpTools[0].serviceUrl: must be an https:// URL (got \"http://petstore.example.com/api\")"),
                Arguments.of("service URL with a password", TOOL.replace("https://petstore", "https://bot:hunter2@petstore"), null,
                        "ai-gateway:mcpTools[0].serviceUrl: must not hold a user name or password: credentials in a URL end up in the plan "
                                + "and the state (got \"https://***@petstore.example.com/api\")"),
                Arguments.of("service URL with a key in its query", TOOL.replace("/api\n", "/api?code=s3cr3t\n"), null,
                        "ai-gateway:mcpTools[0].serviceUrl: must be a base URL without a query or fragment: a key in a query string ends up "
                                + "in the plan and the state (got \"https://petstore.example.com/api?***\")"),
                Arguments.of("OpenAPI file outside the stack's folder", TOOL.replace("specs/petstore.yaml", "../petstore.yaml"), null,
                        "ai-gateway:mcpTools[0].openApi: must be a path inside the stack's folder, or an absolute path (got \"../petstore.yaml\")"),
                Arguments.of("missing OpenAPI file", TOOL.replace("specs/petstore.yaml", "specs/missing.yaml"), null,
                        "ai-gateway:mcpTools[0].openApi: must name a readable OpenAPI file (missing.yaml could not be read) (got \"specs/missing.yaml\")"),
                Arguments.of("not an OpenAPI document", TOOL, "just: text\n",
                        "ai-gateway:mcpTools[0].openApi: is not an OpenAPI or Swagger document (no 'openapi' or 'swagger' version field) (got \"specs/petstore.yaml\")"),
                Arguments.of("no operations", TOOL, SPEC_HEAD + "paths: {}\n",
                        "ai-gateway:mcpTools[0].openApi: has no operations (got \"specs/petstore.yaml\")"),
                Arguments.of("unresolved $ref", TOOL, SPEC_HEAD + "paths:\n  /a:\n    post:\n      requestBody:\n        content:\n"
                                + "          application/json: { schema: { $ref: '#/components/schemas/Gone' } }\n      responses: { '200': { description: ok } }\n",
                        "ai-gateway:mcpTools[0].openApi: has an unresolved $ref #/components/schemas/Gone (got \"specs/petstore.yaml\")"),
                Arguments.of("two operations with one tool name", TOOL, SPEC_HEAD + "paths:\n  /a:\n    get: { operationId: list, responses: { '200': { description: ok } } }\n"
                                + "  /b:\n    get: { operationId: list, responses: { '200': { description: ok } } }\n",
                        "ai-gateway:mcpTools[0].openApi: has two operations that make the tool name 'list'; tool names must be unique (got \"specs/petstore.yaml\")"),
                Arguments.of("unknown harm category", TOOL + "      contentSafety: { categories: [Spam] }\n", null,
                        "ai-gateway:mcpTools[0].contentSafety.categories[0]: must be one of Hate, SelfHarm, Sexual, Violence (got \"Spam\")"),
                Arguments.of("threshold above 7", TOOL + "      contentSafety: { threshold: 9 }\n", null,
                        "ai-gateway:mcpTools[0].contentSafety.threshold: must be at most 7 (got 9)"),
                Arguments.of("the OpenAI API's id", TOOL.replace("name: petstore", "name: azure-openai"), null,
                        "ai-gateway:mcpTools[0].name: must not be the id of the gateway's Azure OpenAI API (got \"azure-openai\")"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void rejectedWithOneClearLine(String what, String tools, String spec, String expected, @TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("specs"));
        Files.writeString(dir.resolve("specs/petstore.yaml"), spec != null ? spec : Files.readString(Path.of("specs/petstore.yaml")));
        Path file = StackFiles.write(dir, "bad", StackFiles.VALID + "  ai-gateway:mcpTools:\n" + tools);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = App.execute(new String[] {"plan", "--config", file.toString()}, new PrintWriter(out, true), new PrintWriter(err, true));
        assertThat(err.toString()).startsWith("error: " + expected).hasLineCount(1);
        assertThat(code).isEqualTo(2);
        assertThat(out.toString()).isEmpty();
    }
}
