package dev.aigateway.mcp;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelcontextprotocol.spec.McpSchema;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.core.util.Json31;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.parameters.RequestBody;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The MCP tools of a tool API: one per OpenAPI operation, built with the MCP Java SDK's schema
 * types. The gateway's MCP server offers them (their names and descriptions are its tool
 * resources); each tool's {@code _meta} carries the HTTP binding of its operation (where each
 * argument goes, with its style and explode), which is how the emulator turns a tool call into
 * the REST request.
 */
public final class McpTools {
    public static final String BODY = "body";
    /** Names every MCP client accepts: the spec's set without '.', and at most 64 characters. */
    public static final Pattern TOOL_NAME = Pattern.compile("^[A-Za-z0-9_-]{1,64}$");
    private static final String JSON_SCHEMA_2020_12 = "https://json-schema.org/draft/2020-12/schema";
    private static final List<String> METHODS = List.of("get", "put", "post", "delete", "options", "head", "patch", "trace");
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .setSerializationInclusion(JsonInclude.Include.NON_NULL)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private McpTools() {}

    /** The tools of a document. Throws {@link OpenApiDocument.UnusableException} when one cannot be built. */
    public static List<McpSchema.Tool> tools(OpenApiDocument doc, String apiUrl) {
        OpenAPI api = doc.api();
        Components components = api.getComponents() == null ? new Components() : api.getComponents();
        // A 3.1 schema keeps type (arrays too) and const in fields only swagger-core's 3.1 writer writes.
        ObjectMapper writer = api.getSpecVersion() == io.swagger.v3.oas.models.SpecVersion.V31 ? Json31.mapper() : Json.mapper();
        refuseOtherServers(api);
        List<McpSchema.Tool> tools = new ArrayList<>();
        Set<String> names = new LinkedHashSet<>();
        for (Map.Entry<String, PathItem> p : api.getPaths().entrySet()) {
            PathItem item = p.getValue();
            Map<PathItem.HttpMethod, Operation> ops = item.readOperationsMap();
            for (String m : METHODS) {
                Operation op = ops.get(PathItem.HttpMethod.valueOf(m.toUpperCase(Locale.ROOT)));
                if (op == null) {
                    continue;
                }
                McpSchema.Tool tool = tool(m, p.getKey(), item, op, components, apiUrl, writer);
                if (!names.add(tool.name())) {
                    throw new OpenApiDocument.UnusableException("has two operations that make the tool name '" + tool.name()
                            + "'; tool names must be unique");
                }
                tools.add(tool);
            }
        }
        return tools;
    }

    /**
     * The document as APIM should import it for an MCP server. A tool resource names its operation by
     * the operation's resource name, which APIM takes from the operationId on import; for an operation
     * without one (or with one that is not a plain name) APIM would invent the name. So such operations
     * are given the tool's name as their operationId, and the edited document is imported as JSON.
     * A document imported by link cannot be edited and is refused instead.
     */
    public static OpenApiDocument importable(OpenApiDocument doc) {
        List<String[]> missing = new ArrayList<>();
        for (Map.Entry<String, PathItem> p : doc.api().getPaths().entrySet()) {
            p.getValue().readOperationsMap().forEach((method, op) -> {
                String id = op.getOperationId();
                if (id == null || !id.equals(sanitize(id))) {
                    missing.add(new String[] {p.getKey(), method.name().toLowerCase(Locale.ROOT),
                            id == null ? derivedName(method.name().toLowerCase(Locale.ROOT), p.getKey()) : sanitize(id)});
                }
            });
        }
        if (missing.isEmpty()) {
            return doc;
        }
        if (doc.link() != null) {
            String[] first = missing.get(0);
            throw new OpenApiDocument.UnusableException("is imported by link, and its operation " + first[1].toUpperCase(Locale.ROOT) + " "
                    + first[0] + " has no operationId of letters, digits, '_' and '-' that an MCP tool can name; give every operation "
                    + "one, or reference a local copy of the document, which the gateway can complete");
        }
        try {
            ObjectMapper yaml = new ObjectMapper(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory());
            JsonNode root = yaml.readTree(doc.content());
            for (String[] m : missing) {
                ((ObjectNode) root.path("paths").path(m[0]).path(m[1])).put("operationId", m[2]);
            }
            return OpenApiDocument.read(new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(root), null);
        } catch (JsonProcessingException | ClassCastException e) {
            throw new OpenApiDocument.UnusableException("could not be given the operationIds its MCP tools need");
        }
    }

    /** The tools as JSON text (as tools/list carries them, with their bindings), deterministic for the same document and URL. */
    public static String json(OpenApiDocument doc, String apiUrl) {
        ArrayNode tools = MAPPER.createArrayNode();
        for (McpSchema.Tool t : tools(doc, apiUrl)) {
            tools.add(MAPPER.valueToTree(t));
        }
        try {
            return MAPPER.writeValueAsString(tools) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Every tool calls the API's one service URL, so servers named for a path or an operation
     * would silently be ignored: such a document is refused instead.
     */
    private static void refuseOtherServers(OpenAPI api) {
        for (Map.Entry<String, PathItem> p : api.getPaths().entrySet()) {
            if (p.getValue().getServers() != null && !p.getValue().getServers().isEmpty()) {
                throw new OpenApiDocument.UnusableException("names servers for the path " + p.getKey()
                        + "; every tool calls the tool API's serviceUrl, so remove them or make that path an API of its own");
            }
            for (Map.Entry<PathItem.HttpMethod, Operation> o : p.getValue().readOperationsMap().entrySet()) {
                if (o.getValue().getServers() != null && !o.getValue().getServers().isEmpty()) {
                    throw new OpenApiDocument.UnusableException("names servers for the operation " + o.getKey() + " " + p.getKey()
                            + "; every tool calls the tool API's serviceUrl, so remove them or make that operation an API of its own");
                }
            }
        }
    }

    private static McpSchema.Tool tool(String method, String path, PathItem item, Operation op, Components components, String apiUrl,
            ObjectMapper writer) {
        String name = op.getOperationId() != null ? sanitize(op.getOperationId()) : derivedName(method, path);
        if (!TOOL_NAME.matcher(name).matches()) {
            throw new OpenApiDocument.UnusableException("operation " + method.toUpperCase(Locale.ROOT) + " " + path
                    + " gives no valid tool name");
        }
        Map<String, Parameter> params = new LinkedHashMap<>();
        for (List<Parameter> level : java.util.Arrays.asList(item.getParameters(), op.getParameters())) {
            if (level != null) {
                for (Parameter raw : level) {
                    Parameter prm = resolve(raw, components);
                    if (!"cookie".equals(prm.getIn())) {
                        params.put(prm.getIn() + ":" + prm.getName(), prm); // operation level overrides path level
                    }
                }
            }
        }
        Map<String, Object> properties = new LinkedHashMap<>();
        List<String> required = new ArrayList<>();
        Map<String, Object> binding = new LinkedHashMap<>();
        Set<String> refs = new LinkedHashSet<>();
        Set<String> taken = new LinkedHashSet<>();
        for (Parameter prm : params.values()) {
            String property = taken.contains(prm.getName()) || prm.getName().equals(BODY) ? prm.getIn() + "_" + prm.getName() : prm.getName();
            taken.add(property);
            ObjectNode schema = schema(prm.getSchema() == null ? new Schema<>().type("string") : prm.getSchema(), refs, writer);
            if (prm.getDescription() != null && !schema.has("description")) {
                schema.put("description", prm.getDescription());
            }
            properties.put(property, MAPPER.convertValue(schema, Map.class));
            if (Boolean.TRUE.equals(prm.getRequired()) || "path".equals(prm.getIn())) {
                required.add(property);
            }
            binding.put(property, argument(prm));
        }
        String contentType = null;
        RequestBody body = op.getRequestBody() == null ? null : resolve(op.getRequestBody(), components);
        if (body != null && body.getContent() != null && !body.getContent().isEmpty()) {
            Map.Entry<String, MediaType> media = preferredMedia(body.getContent());
            contentType = media.getKey();
            Schema<?> s = media.getValue() == null ? null : media.getValue().getSchema();
            ObjectNode schema = s == null ? MAPPER.createObjectNode() : schema(s, refs, writer);
            if (body.getDescription() != null && !schema.has("description")) {
                schema.put("description", body.getDescription());
            }
            properties.put(BODY, MAPPER.convertValue(schema, Map.class));
            if (Boolean.TRUE.equals(body.getRequired())) {
                required.add(BODY);
            }
            binding.put(BODY, Map.of("in", "body"));
        }
        Map<String, Object> defs = defs(refs, components, writer);
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("type", "object");
        input.put("properties", properties);
        if (!required.isEmpty()) {
            input.put("required", required);
        }
        input.put("additionalProperties", false);
        if (!defs.isEmpty()) {
            input.put("$defs", defs);
        }
        Map<String, Object> http = new LinkedHashMap<>();
        http.put("method", method.toUpperCase(Locale.ROOT));
        http.put("urlTemplate", apiUrl + path);
        if (contentType != null) {
            http.put("contentType", contentType);
        }
        http.put("arguments", binding);
        boolean readOnly = method.equals("get") || method.equals("head");
        McpSchema.ToolAnnotations annotations = new McpSchema.ToolAnnotations(op.getSummary(), readOnly ? Boolean.TRUE : null,
                readOnly ? null : method.equals("delete"), readOnly ? null : method.equals("put") || method.equals("delete"), Boolean.TRUE, null);
        return new McpSchema.Tool(name, op.getSummary(), description(method, path, op), input, null, annotations, Map.of("http", http));
    }

    private static String description(String method, String path, Operation op) {
        String summary = op.getSummary() == null ? "" : op.getSummary().strip();
        String detail = op.getDescription() == null ? "" : op.getDescription().strip();
        String text = summary.isEmpty() ? detail : detail.isEmpty() || detail.equals(summary) ? summary : summary + "\n\n" + detail;
        return text.isEmpty() ? method.toUpperCase(Locale.ROOT) + " " + path : text;
    }

    private static Map.Entry<String, MediaType> preferredMedia(Content content) {
        for (Map.Entry<String, MediaType> e : content.entrySet()) {
            if (e.getKey().toLowerCase(Locale.ROOT).contains("json")) {
                return e;
            }
        }
        return content.entrySet().iterator().next();
    }

    static String sanitize(String operationId) {
        String s = operationId.replaceAll("[^A-Za-z0-9_-]", "_");
        return s.length() > 64 ? s.substring(0, 64) : s;
    }

    /** {@code GET /pet/{petId}} becomes {@code get_pet_petId}. */
    static String derivedName(String method, String path) {
        String s = method + "_" + path.replaceAll("[{}]", "").replaceAll("[^A-Za-z0-9_-]+", "_").replaceAll("^_+|_+$", "");
        s = s.replaceAll("_+", "_");
        return s.length() > 64 ? s.substring(0, 64) : s;
    }

    private static Parameter resolve(Parameter p, Components components) {
        return follow(p, Parameter::get$ref, "#/components/parameters/", components.getParameters());
    }

    private static RequestBody resolve(RequestBody b, Components components) {
        return follow(b, RequestBody::get$ref, "#/components/requestBodies/", components.getRequestBodies());
    }

    /** Follow a chain of component references (bounded, in case a document loops). */
    private static <T> T follow(T start, java.util.function.Function<T, String> ref, String prefix, Map<String, T> targets) {
        T current = start;
        for (int guard = 0; ref.apply(current) != null && guard < 16; guard++) {
            T target = targets == null ? null : targets.get(refName(ref.apply(current), prefix));
            if (target == null) {
                throw new OpenApiDocument.UnusableException("has an unresolved $ref " + ref.apply(current));
            }
            current = target;
        }
        return current;
    }

    private static String refName(String ref, String prefix) {
        if (!ref.startsWith(prefix)) {
            throw new OpenApiDocument.UnusableException("has a $ref this tool cannot follow: " + ref);
        }
        return ref.substring(prefix.length());
    }

    /**
     * Where an argument goes in the REST call, and how: a parameter's serialisation (style and
     * explode, with OpenAPI's defaults spelt out) decides how an array or object is written.
     */
    private static Map<String, Object> argument(Parameter prm) {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("in", prm.getIn());
        a.put("name", prm.getName());
        String style = prm.getStyle() != null ? prm.getStyle().toString()
                : switch (prm.getIn()) {
                    case "query" -> "form";
                    case "path", "header" -> "simple";
                    default -> "form";
                };
        a.put("style", style);
        a.put("explode", prm.getExplode() != null ? prm.getExplode() : style.equals("form"));
        return a;
    }

    /** An OpenAPI schema as JSON Schema 2020-12, with component references pointing into $defs. */
    private static ObjectNode schema(Schema<?> s, Set<String> refs, ObjectMapper writer) {
        JsonNode node = writer.valueToTree(s);
        return (ObjectNode) convert(node, refs);
    }

    private static JsonNode convert(JsonNode node, Set<String> refs) {
        if (node.isArray()) {
            ArrayNode out = MAPPER.createArrayNode();
            node.forEach(n -> out.add(convert(n, refs)));
            return out;
        }
        if (!node.isObject()) {
            return node;
        }
        ObjectNode out = MAPPER.createObjectNode();
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            String k = f.getKey();
            JsonNode v = f.getValue();
            switch (k) {
                case "$ref" -> {
                    String target = refName(v.asText(), "#/components/schemas/");
                    refs.add(target);
                    out.put("$ref", "#/$defs/" + target);
                }
                // OpenAPI-only keywords that are not JSON Schema, or that JSON Schema reads differently.
                case "example", "xml", "externalDocs", "discriminator", "nullable", "exampleSetFlag", "types", "jsonSchema" -> { }
                case "exclusiveMinimum", "exclusiveMaximum" -> {
                    if (v.isBoolean()) {
                        String bound = k.equals("exclusiveMinimum") ? "minimum" : "maximum";
                        if (v.asBoolean() && node.has(bound)) {
                            out.set(k, node.get(bound));
                        }
                    } else {
                        out.set(k, v);
                    }
                }
                case "minimum", "maximum" -> {
                    String exclusive = k.equals("minimum") ? "exclusiveMinimum" : "exclusiveMaximum";
                    if (!(node.path(exclusive).isBoolean() && node.get(exclusive).asBoolean())) {
                        out.set(k, v);
                    }
                }
                case "properties", "patternProperties", "$defs" -> {
                    ObjectNode props = out.putObject(k);
                    v.fields().forEachRemaining(e -> props.set(e.getKey(), convert(e.getValue(), refs)));
                }
                default -> {
                    if (!k.startsWith("x-")) {
                        out.set(k, convert(v, refs));
                    }
                }
            }
        }
        if (node.path("nullable").asBoolean(false) && out.has("type") && out.get("type").isTextual()) {
            ArrayNode types = MAPPER.createArrayNode().add(out.get("type").asText()).add("null");
            out.set("type", types);
        }
        return out;
    }

    /** The component schemas a tool refers to, transitively; a recursive schema stays a reference. */
    private static Map<String, Object> defs(Set<String> roots, Components components, ObjectMapper writer) {
        Map<String, Object> defs = new TreeMap<>();
        Deque<String> todo = new ArrayDeque<>(roots);
        Set<String> seen = new LinkedHashSet<>();
        while (!todo.isEmpty()) {
            String name = todo.poll();
            if (!seen.add(name)) {
                continue;
            }
            Schema<?> s = components.getSchemas() == null ? null : components.getSchemas().get(name);
            if (s == null) {
                throw new OpenApiDocument.UnusableException("has an unresolved $ref #/components/schemas/" + name);
            }
            Set<String> more = new LinkedHashSet<>();
            defs.put(name, MAPPER.convertValue(schema(s, more, writer), Map.class));
            todo.addAll(more);
        }
        return defs;
    }

    /** The JSON Schema dialect of every inputSchema. */
    public static String dialect() {
        return JSON_SCHEMA_2020_12;
    }
}
