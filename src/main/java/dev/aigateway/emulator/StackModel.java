package dev.aigateway.emulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aigateway.components.BackendConfig;
import dev.aigateway.components.FragmentDeployments;
import dev.aigateway.components.McpServerTemplate;
import dev.aigateway.mcp.McpTools;
import io.modelcontextprotocol.spec.McpSchema;
import dev.aigateway.config.GatewayConfig;
import dev.aigateway.lint.ParsedPolicy;
import dev.aigateway.lint.PolicyNode;
import dev.aigateway.lint.PolicyParser;
import dev.aigateway.lint.PolicyRules;
import dev.aigateway.lint.XmlEscape;
import dev.aigateway.lint.compile.ExpressionSource;
import dev.aigateway.mcp.OpenApiDocument;
import dev.aigateway.plan.Plan;
import dev.aigateway.plan.Plan.PlannedResource;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What the emulator runs, read from the plan of a stack: the same rendered policies and fragments
 * the plan registers, the APIs with the operations of their imported definitions, products,
 * subscriptions and backends; and the Azure services behind them that the emulator simulates.
 */
final class StackModel {
    /** The inference spec the Azure OpenAI API imports by link, pinned in the jar because a link cannot be fetched offline. */
    static final String PINNED_INFERENCE_SPEC = "2024-02-01";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A simulated Azure OpenAI account: its backend name, the URL the plan gives it, and its deployments. */
    record OpenAiTarget(String name, String backendId, String url, Set<String> deployments) {}

    /** A simulated service reached by URL: a Content Safety account or a tool API's REST service. */
    record UrlTarget(String name, String url) {}

    /** An MCP server (API type mcp) from its ARM template: its API resource, tools and policy. */
    private record McpServer(Map<String, Object> api, List<Map<String, Object>> tools, String policy) {}

    /** One policy document and where it is registered. */
    private record Document(String name, String scope, String owner, ParsedPolicy parsed) {}

    final GatewayConfig config;
    final String serviceName;
    final String gatewayUrl;
    final List<OpenAiTarget> openAi = new ArrayList<>();
    final List<UrlTarget> contentSafety = new ArrayList<>();
    final List<UrlTarget> toolApis = new ArrayList<>();
    /** Subscription id to its primary key; "master" is the built-in all-access subscription. */
    final Map<String, String> keys = new TreeMap<>();
    final List<String> notes = new ArrayList<>();
    private final List<Document> documents = new ArrayList<>();
    private final Map<String, Document> fragments = new TreeMap<>();
    private final List<ParsedPolicy> parsed = new ArrayList<>();
    private final Map<ParsedPolicy.Expression, Integer> slotOf = new IdentityHashMap<>();
    private final List<ExpressionSource.Slot> slots;
    private final List<PlannedResource> apis = new ArrayList<>();
    private final List<PlannedResource> products = new ArrayList<>();
    private final List<PlannedResource> subscriptions = new ArrayList<>();
    private final Map<String, List<String>> productApis = new TreeMap<>();
    private final Map<String, String> backends = new TreeMap<>();
    private final List<McpServer> mcpServers = new ArrayList<>();
    /** Operations added to an API besides its imported definition: API id to {id, method, URL template, name}. */
    private final Map<String, List<String[]>> addedOperations = new TreeMap<>();

    StackModel(GatewayConfig config, Plan plan, int seed) {
        this.config = config;
        String service = null;
        String gateway = null;
        for (PlannedResource r : plan.resources()) {
            Map<String, Object> in = r.inputs();
            switch (r.type()) {
                case "azure-native:apimanagement:ApiManagementService" -> service = (String) in.get("serviceName");
                case "azure-native:resources:Deployment" -> {
                    FragmentDeployments.fragmentsOf(in).forEach((id, text) -> fragments.put(id, document("fragment " + id, null, id, text)));
                    Map<String, String> policies = FragmentDeployments.apiPoliciesOf(in);
                    for (Map<String, Object> api : FragmentDeployments.resourcesOf(in, McpServerTemplate.API_TYPE)) {
                        String id = FragmentDeployments.lastSegment(api);
                        String policy = policies.get(id);
                        if (policy != null) {
                            documents.add(document("MCP server " + id + " policy", "api", id, policy));
                        }
                        mcpServers.add(new McpServer(api, FragmentDeployments.resourcesOf(in, McpServerTemplate.TOOL_TYPE), policy));
                    }
                }
                case "azure-native:apimanagement:Api" -> apis.add(r);
                case "azure-native:apimanagement:ApiPolicy" -> documents.add(document("API " + in.get("apiId") + " policy", "api",
                        (String) in.get("apiId"), (String) in.get("value")));
                case "azure-native:apimanagement:Product" -> products.add(r);
                case "azure-native:apimanagement:ProductPolicy" -> documents.add(document("product " + in.get("productId") + " policy", "product",
                        (String) in.get("productId"), (String) in.get("value")));
                case "azure-native:apimanagement:Policy" -> documents.add(document("global policy", "global", null, (String) in.get("value")));
                case "azure-native:apimanagement:ProductApi" -> productApis.computeIfAbsent((String) in.get("productId"), k -> new ArrayList<>())
                        .add((String) in.get("apiId"));
                case "azure-native:apimanagement:Subscription" -> subscriptions.add(r);
                case "azure-native:apimanagement:Backend" -> backends.put((String) in.get("backendId"), (String) in.get("url"));
                case "azure-native:apimanagement:ApiOperation" -> addedOperations.computeIfAbsent((String) in.get("apiId"), k -> new ArrayList<>())
                        .add(new String[] {(String) in.get("operationId"), (String) in.get("method"), (String) in.get("urlTemplate"),
                                (String) in.get("displayName")});
                case "azure-native:cognitiveservices:Account" -> {
                    if ("ContentSafety".equals(in.get("kind"))) {
                        Object props = in.get("properties");
                        String subdomain = props instanceof Map<?, ?> p ? String.valueOf(p.get("customSubDomainName")) : String.valueOf(in.get("accountName"));
                        contentSafety.add(new UrlTarget("content-safety", "https://" + subdomain + ".cognitiveservices.azure.com"));
                    }
                }
                default -> { }
            }
        }
        gateway = plan.outputs().get("gatewayUrl") instanceof String g ? g : "https://" + service + ".azure-api.net";
        this.serviceName = service;
        this.gatewayUrl = gateway;
        slots = ExpressionSource.slots(parsed, PolicyRules.standard());
        for (ExpressionSource.Slot s : slots) {
            slotOf.put(s.expression(), s.index());
        }
        if (slots.size() != parsed.stream().mapToInt(p -> p.expressions().size()).sum()) {
            throw new ModelledPolicies.NotModelledException("a rendered policy holds an expression with a template slot left in it");
        }
        for (BackendConfig b : config.backends()) {
            Set<String> served = new LinkedHashSet<>();
            b.routes().forEach(r -> served.add(r.deployment()));
            openAi.add(new OpenAiTarget(b.name(), b.backendId(), backends.get(b.backendId()), served));
        }
        for (PlannedResource api : apis) {
            if (!api.inputs().get("apiId").equals(dev.aigateway.components.OpenAiBackendPool.API_ID)) {
                toolApis.add(new UrlTarget((String) api.inputs().get("apiId"), (String) api.inputs().get("serviceUrl")));
            }
        }
        keys.put("master", key(seed, "master"));
        for (PlannedResource s : subscriptions) {
            String sid = (String) s.inputs().get("sid");
            keys.put(sid, key(seed, sid));
        }
    }

    private Document document(String name, String scope, String owner, String text) {
        ParsedPolicy doc = PolicyParser.parse(name, text);
        ModelledPolicies.check(name, doc);
        parsed.add(doc);
        return new Document(name, scope, owner, doc);
    }

    List<ParsedPolicy> parsed() {
        return parsed;
    }

    /** Each MCP server's API id and its path on the gateway. */
    Map<String, String> mcpPaths() {
        Map<String, String> out = new TreeMap<>();
        for (McpServer s : mcpServers) {
            out.put(FragmentDeployments.lastSegment(s.api()), String.valueOf(FragmentDeployments.properties(s.api()).get("path")));
        }
        return out;
    }

    List<ExpressionSource.Slot> slots() {
        return slots;
    }

    /** A subscription key as APIM hands them out: 32 hex characters, here derived from the seed. */
    static String key(int seed, String sid) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(("ai-gateway emulator|" + seed + "|" + sid).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The model file the runtime reads. {@code rewrites} maps each simulated host (as the plan
     * names it) to the local URL that serves it.
     */
    String toJson(Map<String, String> rewrites, Map<String, Object> options) {
        ObjectNode root = JSON.createObjectNode();
        root.put("serviceName", serviceName);
        root.put("region", config.location());
        root.put("gatewayUrl", gatewayUrl);
        root.set("options", JSON.valueToTree(options));
        Document global = documents.stream().filter(d -> "global".equals(d.scope())).findFirst().orElse(null);
        root.set("global", global == null ? null : tree(global.parsed().root(), global.name(), global.parsed()));
        ObjectNode frags = root.putObject("fragments");
        fragments.forEach((id, d) -> frags.set(id, tree(d.parsed().root(), d.name(), d.parsed())));
        ObjectNode backendsNode = root.putObject("backends");
        backends.forEach(backendsNode::put);
        ArrayNode apiNodes = root.putArray("apis");
        for (PlannedResource api : apis) {
            Map<String, Object> in = api.inputs();
            String id = (String) in.get("apiId");
            ObjectNode a = apiNodes.addObject().put("id", id).put("name", (String) in.get("displayName")).put("path", (String) in.get("path"))
                    .put("serviceUrl", (String) in.get("serviceUrl"))
                    .put("subscriptionRequired", !Boolean.FALSE.equals(in.get("subscriptionRequired")));
            Map<?, ?> names = in.get("subscriptionKeyParameterNames") instanceof Map<?, ?> m ? m : Map.of();
            a.put("keyHeader", names.get("header") == null ? "Ocp-Apim-Subscription-Key" : String.valueOf(names.get("header")));
            a.put("keyQuery", names.get("query") == null ? "subscription-key" : String.valueOf(names.get("query")));
            Document policy = documents.stream().filter(d -> "api".equals(d.scope()) && id.equals(d.owner())).findFirst().orElse(null);
            a.set("policy", policy == null ? null : tree(policy.parsed().root(), policy.name(), policy.parsed()));
            ArrayNode ops = a.putArray("operations");
            for (Map.Entry<String, String[]> op : operations(id, (String) in.get("format"), (String) in.get("value")).entrySet()) {
                ops.addObject().put("id", op.getKey()).put("name", op.getValue()[2]).put("method", op.getValue()[0]).put("urlTemplate", op.getValue()[1]);
            }
            for (String[] op : addedOperations.getOrDefault(id, List.of())) {
                ops.addObject().put("id", op[0]).put("name", op[3]).put("method", op[1]).put("urlTemplate", op[2]);
            }
        }
        for (McpServer server : mcpServers) {
            apiNodes.add(mcpServer(server));
        }
        ArrayNode productNodes = root.putArray("products");
        for (PlannedResource p : products) {
            String id = (String) p.inputs().get("productId");
            ObjectNode node = productNodes.addObject().put("id", id).put("name", (String) p.inputs().get("displayName"))
                    .put("subscriptionRequired", !Boolean.FALSE.equals(p.inputs().get("subscriptionRequired")));
            ArrayNode linked = node.putArray("apis");
            productApis.getOrDefault(id, List.of()).forEach(linked::add);
            Document policy = documents.stream().filter(d -> "product".equals(d.scope()) && id.equals(d.owner())).findFirst().orElse(null);
            node.set("policy", policy == null ? null : tree(policy.parsed().root(), policy.name(), policy.parsed()));
        }
        ArrayNode subs = root.putArray("subscriptions");
        subs.addObject().put("id", "master").put("name", "Built-in all-access subscription").put("primaryKey", keys.get("master"))
                .put("secondaryKey", key(-1, "master")).putNull("product");
        for (PlannedResource s : subscriptions) {
            String sid = (String) s.inputs().get("sid");
            String scope = String.valueOf(s.inputs().get("scope"));
            subs.addObject().put("id", sid).put("name", (String) s.inputs().get("displayName")).put("primaryKey", keys.get(sid))
                    .put("secondaryKey", key(-1, sid)).put("product", scope.startsWith("/products/") ? scope.substring("/products/".length()) : null);
        }
        ArrayNode rw = root.putArray("rewrites");
        rewrites.forEach((from, to) -> rw.addObject().put("from", from).put("to", to));
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Where a tool resource's operationId names the backing operation: resourceId('…/operations', service, api, operation). */
    private static final java.util.regex.Pattern OPERATION_REF = java.util.regex.Pattern.compile(
            "^\\[resourceId\\('Microsoft\\.ApiManagement/service/apis/operations', '[^']+', '([^']+)', '([^']+)'\\)]$");

    /**
     * An MCP server as the runtime reads it: the API (type mcp, no operations) and its tools, each
     * with the backing REST operation, and the input schema and HTTP binding the tool generator
     * makes from that operation (APIM documents neither, so the emulator serves ours).
     */
    private ObjectNode mcpServer(McpServer server) {
        Map<String, Object> props = FragmentDeployments.properties(server.api());
        String id = FragmentDeployments.lastSegment(server.api());
        ObjectNode a = JSON.createObjectNode().put("id", id).put("type", "mcp").put("name", String.valueOf(props.get("displayName")))
                .put("path", String.valueOf(props.get("path"))).putNull("serviceUrl")
                .put("subscriptionRequired", !Boolean.FALSE.equals(props.get("subscriptionRequired")))
                .put("keyHeader", "Ocp-Apim-Subscription-Key").put("keyQuery", "subscription-key");
        Document policy = documents.stream().filter(d -> "api".equals(d.scope()) && id.equals(d.owner())).findFirst().orElse(null);
        a.set("policy", policy == null ? null : tree(policy.parsed().root(), policy.name(), policy.parsed()));
        a.putArray("operations");
        ArrayNode tools = a.putArray("tools");
        // Each backing API's document is read and its tools made once, however many tools name it.
        Map<String, List<McpSchema.Tool>> generatedByApi = new java.util.HashMap<>();
        for (Map<String, Object> t : server.tools()) {
            Map<String, Object> tp = FragmentDeployments.properties(t);
            java.util.regex.Matcher ref = OPERATION_REF.matcher(String.valueOf(tp.get("operationId")));
            if (!ref.matches()) {
                throw new ModelledPolicies.NotModelledException("MCP tool " + FragmentDeployments.lastSegment(t)
                        + " names its operation in a form the emulator does not read: " + tp.get("operationId"));
            }
            String apiId = ref.group(1);
            String operation = ref.group(2);
            McpSchema.Tool generated = generatedByApi.computeIfAbsent(apiId, api -> McpTools.tools(documents(api), "")).stream()
                    .filter(g -> g.name().equals(operation)).findFirst()
                    .orElseThrow(() -> new ModelledPolicies.NotModelledException("MCP tool " + operation + " names no operation of API " + apiId));
            ObjectNode tool = tools.addObject().put("name", String.valueOf(tp.get("displayName")))
                    .put("description", String.valueOf(tp.get("description"))).put("api", apiId).put("operation", operation);
            tool.set("inputSchema", JSON.valueToTree(generated.inputSchema()));
            tool.set("http", JSON.valueToTree(generated.meta().get("http")));
        }
        return a;
    }

    /** The imported document of the API {@code apiId}. */
    private OpenApiDocument documents(String apiId) {
        for (PlannedResource api : apis) {
            Map<String, Object> in = api.inputs();
            if (apiId.equals(in.get("apiId"))) {
                String format = (String) in.get("format");
                if (format != null && format.endsWith("-link")) {
                    throw new ModelledPolicies.NotModelledException("the MCP server of API " + apiId + " cannot be served offline: the API imports "
                            + "its document by link; reference a local copy of the document in the stack file");
                }
                return OpenApiDocument.read((String) in.get("value"), null);
            }
        }
        throw new ModelledPolicies.NotModelledException("an MCP tool names the API " + apiId + ", which the plan does not define");
    }

    /** Operation id to {method, URL template, name}, from the API's imported definition. */
    private Map<String, String[]> operations(String apiId, String format, String value) {
        String text = value;
        if (format != null && format.endsWith("-link")) {
            if (!value.endsWith("/" + PINNED_INFERENCE_SPEC + "/inference.json")) {
                notes.add("API " + apiId + " imports " + value + "; the emulator serves the operations of the pinned "
                        + PINNED_INFERENCE_SPEC + " inference spec instead");
            }
            text = resource("azure-openai-inference-" + PINNED_INFERENCE_SPEC + ".json");
        }
        OpenApiDocument doc = OpenApiDocument.read(text, format != null && format.endsWith("-link") ? value : null);
        Map<String, String[]> out = new LinkedHashMap<>();
        doc.api().getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, op) -> {
            String id = op.getOperationId() != null ? op.getOperationId() : method.name().toLowerCase() + path.replaceAll("[^A-Za-z0-9]+", "-");
            out.put(id, new String[] {method.name(), path, op.getSummary() != null ? op.getSummary() : id});
        }));
        return out;
    }

    private static String resource(String name) {
        try (InputStream in = StackModel.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An element as the runtime reads it: name, line, attributes (literal or slot index), text, children. */
    private ObjectNode tree(PolicyNode n, String source, ParsedPolicy doc) {
        ObjectNode node = JSON.createObjectNode().put("n", n.name()).put("src", source).put("line", doc.line(n.offset()));
        ObjectNode attrs = node.putObject("a");
        for (PolicyNode.Attribute a : n.attributes().values()) {
            attrs.set(a.name(), a.expression() ? JSON.createObjectNode().put("e", slot(doc, n, a.name()))
                    : JSON.createObjectNode().put("v", XmlEscape.decodeText(a.value())));
        }
        PolicyNode.Text expression = n.text().stream().filter(PolicyNode.Text::expression).findFirst().orElse(null);
        if (expression != null) {
            node.set("t", JSON.createObjectNode().put("e", slot(doc, n, null)));
        } else if (!n.text().isEmpty()) {
            StringBuilder text = new StringBuilder();
            n.text().forEach(t -> text.append(XmlEscape.decodeText(t.value())));
            node.set("t", JSON.createObjectNode().put("v", text.toString()));
        }
        if (!n.children().isEmpty()) {
            ArrayNode children = node.putArray("c");
            n.children().forEach(c -> children.add(tree(c, source, doc)));
        }
        return node;
    }

    private int slot(ParsedPolicy doc, PolicyNode element, String attribute) {
        for (ParsedPolicy.Expression e : doc.expressions()) {
            if (e.element() == element && java.util.Objects.equals(e.attribute(), attribute)) {
                return slotOf.get(e);
            }
        }
        throw new IllegalStateException("no expression on " + element.path() + " " + attribute);
    }

    /** The scheme and host of a URL: what a rewrite replaces. */
    static String origin(String url) {
        URI u = URI.create(url);
        return u.getScheme() + "://" + u.getRawAuthority();
    }
}
