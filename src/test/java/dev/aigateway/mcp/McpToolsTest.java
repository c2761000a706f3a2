package dev.aigateway.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.aigateway.testing.Golden;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.parameters.Parameter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The MCP tools of each real OpenAPI document in the test specs. */
class McpToolsTest {
    static final String URL = "https://aigw-dev-abc123.azure-api.net/tools/petstore";
    static final ObjectMapper JSON = new ObjectMapper();

    static Stream<Path> specs() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("src/test/resources/specs"))) {
            return files.filter(p -> !p.getFileName().toString().equals("INDEX.txt")).sorted().toList().stream();
        }
    }

    static OpenApiDocument read(Path spec) throws IOException {
        return OpenApiDocument.read(Files.readString(spec), null);
    }

    static int operationCount(OpenApiDocument doc) {
        int n = 0;
        for (PathItem item : doc.api().getPaths().values()) {
            n += item.readOperations().size();
        }
        return n;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("specs")
    void oneValidToolPerOperation(Path spec) throws IOException {
        OpenApiDocument doc = read(spec);
        JsonNode tools = JSON.readTree(McpTools.json(doc, URL));
        assertThat(tools.size()).isEqualTo(operationCount(doc)).isPositive();
        Set<String> names = new HashSet<>();
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
        Schema meta = registry.getSchema(com.networknt.schema.SchemaLocation.of(McpTools.dialect()));
        for (JsonNode tool : tools) {
            String name = tool.get("name").asText();
            assertThat(name).matches(McpTools.TOOL_NAME);
            assertThat(names.add(name)).as("unique " + name).isTrue();
            assertThat(tool.get("description").asText()).isNotBlank();
            JsonNode input = tool.get("inputSchema");
            assertThat(input.get("type").asText()).isEqualTo("object");
            List<Error> errors = meta.validate(input.toString(), InputFormat.JSON);
            assertThat(errors).as(name + " inputSchema against the 2020-12 meta-schema").isEmpty();
            // The schema itself must load, with every $ref resolving inside it.
            Schema own = registry.getSchema(input);
            own.initializeValidators();
            for (String ref : refs(input)) {
                assertThat(ref).startsWith("#/$defs/");
                assertThat(input.path("$defs").has(ref.substring("#/$defs/".length()))).as(name + " " + ref).isTrue();
            }
            JsonNode http = tool.get("_meta").get("http");
            assertThat(http.get("urlTemplate").asText()).startsWith(URL + "/");
            assertThat(http.get("method").asText()).matches("GET|PUT|POST|DELETE|PATCH|HEAD|OPTIONS|TRACE");
            http.get("arguments").fieldNames().forEachRemaining(arg -> assertThat(input.get("properties").has(arg)).isTrue());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("specs")
    void requiredParametersAreRequired(Path spec) throws IOException {
        OpenApiDocument doc = read(spec);
        JsonNode tools = JSON.readTree(McpTools.json(doc, URL));
        int checked = 0;
        for (var path : doc.api().getPaths().entrySet()) {
            PathItem item = path.getValue();
            for (var entry : item.readOperationsMap().entrySet()) {
                Operation op = entry.getValue();
                JsonNode tool = find(tools, op.getOperationId() != null ? McpTools.sanitize(op.getOperationId())
                        : McpTools.derivedName(entry.getKey().name().toLowerCase(java.util.Locale.ROOT), path.getKey()));
                List<Parameter> all = new ArrayList<>();
                if (item.getParameters() != null) {
                    all.addAll(item.getParameters());
                }
                if (op.getParameters() != null) {
                    all.addAll(op.getParameters());
                }
                for (Parameter p : all) {
                    if (p.get$ref() == null && (Boolean.TRUE.equals(p.getRequired()))) {
                        assertThat(tool.get("inputSchema").get("required").toString()).contains("\"" + p.getName() + "\"");
                        checked++;
                    }
                }
                if (op.getRequestBody() != null && Boolean.TRUE.equals(op.getRequestBody().getRequired())) {
                    assertThat(tool.get("inputSchema").get("required").toString()).contains("\"body\"");
                    checked++;
                }
            }
        }
        assertThat(checked).isPositive();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("specs")
    void toolsMatchGolden(Path spec) throws IOException {
        String name = spec.getFileName().toString().replaceAll("\\.(json|yaml)$", "");
        Golden.assertMatches("mcp/" + name + ".tools.json", McpTools.json(read(spec), URL));
    }

    /** OpenAPI 3.1 writes types as arrays and has const: both must reach the tool, or its schema accepts anything. */
    @Test
    void openApi31KeepsTypesConstsEnumsFormatsAndConstraints() throws IOException {
        JsonNode tools = JSON.readTree(McpTools.json(read(Path.of("src/test/resources/specs/kennel-openapi-3.1.yaml")), URL));
        JsonNode dog = find(tools, "post_dogs").get("inputSchema").get("$defs").get("Dog");
        assertThat(dog.get("type").asText()).isEqualTo("object");
        assertThat(dog.at("/properties/kind/const").asText()).isEqualTo("dog");
        assertThat(dog.at("/properties/weight/type").toString()).isEqualTo("[\"number\",\"null\"]");
        assertThat(dog.at("/properties/weight/exclusiveMinimum").asInt()).isZero();
        assertThat(dog.at("/properties/size/enum").toString()).isEqualTo("[\"small\",\"medium\",\"large\"]");
        assertThat(dog.at("/properties/born/format").asText()).isEqualTo("date");
        assertThat(dog.at("/properties/name/pattern").asText()).isEqualTo("^[A-Za-z ]+$");
        assertThat(dog.at("/properties/parent/$ref").asText()).isEqualTo("#/$defs/Dog");
        JsonNode list = find(tools, "get_dogs").get("inputSchema");
        assertThat(list.at("/properties/ids/type").asText()).isEqualTo("array");
        assertThat(list.at("/properties/ids/items/type").asText()).isEqualTo("integer");
        assertThat(list.at("/properties/X-Trace/type").toString()).isEqualTo("[\"string\",\"null\"]");
        // Webhooks and callbacks describe calls the API makes, not operations: they give no tools.
        assertThat(tools).extracting(t -> t.get("name").asText()).containsExactly("get_dogs", "post_dogs", "getDog");
        JsonNode library = JSON.readTree(McpTools.json(read(Path.of("src/test/resources/specs/library-openapi-3.1.json")), URL));
        assertThat(find(library, "borrowBook").at("/inputSchema/properties/body/properties/kind/const").asText()).isEqualTo("loan");
        assertThat(find(library, "borrowBook").at("/inputSchema/properties/body/properties/days/enum").toString()).isEqualTo("[7,14,21]");
    }

    /** How an array or object parameter is written in the REST call travels with the tool. */
    @Test
    void parameterStyleAndExplodeAreCarried() throws IOException {
        JsonNode kennel = JSON.readTree(McpTools.json(read(Path.of("src/test/resources/specs/kennel-openapi-3.1.yaml")), URL));
        JsonNode ids = find(kennel, "get_dogs").at("/_meta/http/arguments/ids");
        assertThat(ids.get("style").asText()).isEqualTo("form");
        assertThat(ids.get("explode").asBoolean()).isFalse();
        JsonNode library = JSON.readTree(McpTools.json(read(Path.of("src/test/resources/specs/library-openapi-3.1.json")), URL));
        JsonNode filter = find(library, "searchBooks").at("/_meta/http/arguments/filter");
        assertThat(filter.get("style").asText()).isEqualTo("deepObject");
        assertThat(filter.get("explode").asBoolean()).isTrue();
        // OpenAPI's defaults, spelt out: form and exploded in the query, simple in the path.
        assertThat(find(library, "searchBooks").at("/_meta/http/arguments/tags/explode").asBoolean()).isTrue();
        assertThat(find(library, "borrowBook").at("/_meta/http/arguments/isbn/style").asText()).isEqualTo("simple");
    }

    @Test
    void serversForAPathOrAnOperationAreRefusedNotIgnored() {
        String head = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\n";
        assertThatThrownBy(() -> McpTools.tools(OpenApiDocument.read(head + "paths:\n  /a:\n    servers: [{url: 'https://other.example.com'}]\n"
                + "    get: {operationId: a, responses: {'200': {description: ok}}}\n", null), URL))
                .hasMessage("names servers for the path /a; every tool calls the tool API's serviceUrl, so remove them or make that path an API of its own");
        assertThatThrownBy(() -> McpTools.tools(OpenApiDocument.read(head + "paths:\n  /a:\n    get:\n      operationId: a\n"
                + "      servers: [{url: 'https://other.example.com'}]\n      responses: {'200': {description: ok}}\n", null), URL))
                .hasMessageStartingWith("names servers for the operation GET /a;");
    }

    @Test
    void annotationsFollowTheMethod() throws IOException {
        JsonNode tools = JSON.readTree(McpTools.json(read(Path.of("src/test/resources/specs/petstore-openapi-3.0.yaml")), URL));
        assertThat(find(tools, "getPetById").get("annotations").get("readOnlyHint").asBoolean()).isTrue();
        assertThat(find(tools, "deletePet").get("annotations").get("destructiveHint").asBoolean()).isTrue();
        assertThat(find(tools, "deletePet").get("annotations").get("idempotentHint").asBoolean()).isTrue();
        assertThat(find(tools, "updatePet").get("annotations").get("idempotentHint").asBoolean()).isTrue();
        assertThat(find(tools, "addPet").get("annotations").get("destructiveHint").asBoolean()).isFalse();
        JsonNode get = find(tools, "getPetById");
        assertThat(get.get("_meta").get("http").get("urlTemplate").asText()).isEqualTo(URL + "/pet/{petId}");
        assertThat(get.get("_meta").get("http").get("arguments").get("petId").get("in").asText()).isEqualTo("path");
        assertThat(get.get("inputSchema").get("required").toString()).isEqualTo("[\"petId\"]");
    }

    @Test
    void recursiveSchemasStayReferences() {
        String spec = """
                openapi: 3.0.3
                info: { title: t, version: "1" }
                paths:
                  /nodes:
                    post:
                      requestBody:
                        required: true
                        content: { application/json: { schema: { $ref: '#/components/schemas/Node' } } }
                      responses: { "200": { description: ok } }
                components:
                  schemas:
                    Node:
                      type: object
                      properties:
                        children: { type: array, items: { $ref: '#/components/schemas/Node' } }
                        value: { oneOf: [ { type: string }, { type: integer } ] }
                """;
        McpToolsOf tools = new McpToolsOf(McpTools.tools(OpenApiDocument.read(spec, null), URL));
        assertThat(tools.only().name()).isEqualTo("post_nodes");
        assertThat((java.util.Map<String, Object>) (Object) tools.only().inputSchema().get("$defs")).containsKey("Node");
        assertThat((List<Object>) (Object) tools.only().inputSchema().get("required")).containsExactly("body");
    }

    @Test
    void pathLevelParametersAreMergedAndOperationLevelOnesWin() {
        String spec = """
                openapi: 3.0.3
                info: { title: t, version: "1" }
                paths:
                  /orders/{orderId}:
                    parameters:
                      - { name: orderId, in: path, required: true, schema: { type: string } }
                      - { name: verbose, in: query, schema: { type: boolean } }
                      - { name: X-Tenant, in: header, required: true, schema: { type: string } }
                    get:
                      operationId: getOrder
                      parameters:
                        - { name: verbose, in: query, required: true, schema: { type: integer }, description: level }
                        - { name: orderId, in: query, schema: { type: string } }
                      responses: { "200": { description: ok } }
                """;
        var tool = McpTools.tools(OpenApiDocument.read(spec, null), URL).get(0);
        assertThat((java.util.Map<String, Object>) (Object) tool.inputSchema().get("properties")).containsOnlyKeys("orderId", "verbose", "X-Tenant", "query_orderId");
        assertThat((List<Object>) (Object) tool.inputSchema().get("required")).containsExactlyInAnyOrder("orderId", "verbose", "X-Tenant");
        assertThat(((java.util.Map<?, ?>) tool.inputSchema().get("properties")).get("verbose").toString()).contains("integer").contains("level");
        @SuppressWarnings("unchecked")
        var args = (java.util.Map<String, java.util.Map<String, String>>) ((java.util.Map<String, Object>) tool.meta().get("http")).get("arguments");
        assertThat(args.get("X-Tenant")).containsEntry("in", "header");
        assertThat(args.get("query_orderId")).containsEntry("in", "query").containsEntry("name", "orderId");
    }

    @Test
    void aDocumentFromAUrlIsImportedByLink() throws IOException {
        String yaml = Files.readString(Path.of("src/test/resources/specs/petstore-openapi-3.0.yaml"));
        OpenApiDocument linked = OpenApiDocument.read(yaml, "https://example.com/openapi.yaml");
        assertThat(linked.importFormat()).isEqualTo("openapi-link");
        assertThat(linked.importValue()).isEqualTo("https://example.com/openapi.yaml");
        String swagger = Files.readString(Path.of("src/test/resources/specs/oai-openapi-spec-examples-v2.0-petstore-expanded.json"));
        assertThat(OpenApiDocument.read(swagger, "https://example.com/s.json").importFormat()).isEqualTo("swagger-link-json");
        String json = Files.readString(Path.of("src/test/resources/specs/azure-openai-inference-2024-02-01.json"));
        assertThat(OpenApiDocument.read(json, "https://example.com/o.json").importFormat()).isEqualTo("openapi+json-link");
    }

    @Test
    void swagger2YamlIsImportedAsJson() throws IOException {
        String yaml = "swagger: '2.0'\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      responses: {'200': {description: ok}}\n";
        OpenApiDocument doc = OpenApiDocument.read(yaml, null);
        assertThat(doc.importFormat()).isEqualTo("swagger-json");
        assertThat(JSON.readTree(doc.importValue()).get("swagger").asText()).isEqualTo("2.0");
        assertThat(McpTools.tools(doc, URL)).extracting(t -> t.name()).containsExactly("get_a");
    }

    @Test
    void unusableDocumentsAreRejectedWithOneLine() {
        assertThatThrownBy(() -> OpenApiDocument.read("not: [an openapi", null)).hasMessage("is not readable JSON or YAML");
        assertThatThrownBy(() -> OpenApiDocument.read("just: text", null)).hasMessageContaining("is not an OpenAPI or Swagger document");
        assertThatThrownBy(() -> OpenApiDocument.read("openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\n", null))
                .hasMessage("has no operations");
        String dangling = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      parameters:\n"
                + "        - { name: q, in: query, schema: { $ref: '#/components/schemas/Missing' } }\n      responses: { '200': { description: ok } }\n";
        assertThatThrownBy(() -> McpTools.tools(OpenApiDocument.read(dangling, null), URL))
                .hasMessageContaining("unresolved $ref #/components/schemas/Missing");
        String duplicate = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get: { operationId: same, responses: { '200': { description: ok } } }\n"
                + "  /b:\n    get: { operationId: same, responses: { '200': { description: ok } } }\n";
        assertThatThrownBy(() -> McpTools.tools(OpenApiDocument.read(duplicate, null), URL)).hasMessageContaining("tool name 'same'");
    }

    private record McpToolsOf(List<io.modelcontextprotocol.spec.McpSchema.Tool> tools) {
        io.modelcontextprotocol.spec.McpSchema.Tool only() {
            assertThat(tools).hasSize(1);
            return tools.get(0);
        }
    }

    private static JsonNode find(JsonNode tools, String name) {
        for (JsonNode t : tools) {
            if (t.get("name").asText().equals(McpTools.sanitize(name))) {
                return t;
            }
        }
        throw new AssertionError("no tool " + name);
    }

    private static List<String> refs(JsonNode node) {
        List<String> out = new ArrayList<>();
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> {
                if (e.getKey().equals("$ref")) {
                    out.add(e.getValue().asText());
                } else {
                    out.addAll(refs(e.getValue()));
                }
            });
        } else if (node.isArray()) {
            node.forEach(n -> out.addAll(refs(n)));
        }
        return out;
    }

    /** APIM names imported operations after their operationIds, and tool resources name operations: every operation needs one. */
    @Test
    void operationsWithoutAUsableOperationIdAreGivenTheToolNameOrTheLinkedDocumentIsRefused() {
        String spec = """
                openapi: 3.0.3
                info: { title: t, version: "1" }
                paths:
                  /notes/{id}:
                    get: { responses: { "200": { description: ok } } }
                    put: { operationId: "update note", responses: { "200": { description: ok } } }
                    delete: { operationId: deleteNote, responses: { "200": { description: ok } } }
                """;
        OpenApiDocument completed = McpTools.importable(OpenApiDocument.read(spec, null));
        assertThat(completed.importFormat()).isEqualTo("openapi+json");
        var item = completed.api().getPaths().get("/notes/{id}");
        assertThat(item.getGet().getOperationId()).isEqualTo("get_notes_id");
        assertThat(item.getPut().getOperationId()).isEqualTo("update_note");
        assertThat(item.getDelete().getOperationId()).isEqualTo("deleteNote");
        assertThat(McpTools.tools(completed, URL)).extracting(McpSchema.Tool::name).containsExactly("get_notes_id", "update_note", "deleteNote");

        OpenApiDocument complete = OpenApiDocument.read(spec.replace("get: { responses", "get: { operationId: getNote, responses")
                .replace("\"update note\"", "updateNote"), null);
        assertThat(McpTools.importable(complete)).as("nothing to add: imported as written").isSameAs(complete);

        OpenApiDocument linked = OpenApiDocument.read(spec, "https://example.com/notes.yaml");
        assertThatThrownBy(() -> McpTools.importable(linked)).isInstanceOf(OpenApiDocument.UnusableException.class)
                .hasMessage("is imported by link, and its operation GET /notes/{id} has no operationId of letters, digits, '_' and '-' that "
                        + "an MCP tool can name; give every operation one, or reference a local copy of the document, which the gateway can complete");
    }
}
