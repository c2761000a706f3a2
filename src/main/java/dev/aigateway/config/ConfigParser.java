package dev.aigateway.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.aigateway.components.AdditionalLocationConfig;
import dev.aigateway.components.AiGatewayArgs;
import dev.aigateway.components.NetworkConfig;
import dev.aigateway.components.Enums.VnetMode;
import dev.aigateway.components.BackendConfig;
import dev.aigateway.components.DeploymentConfig;
import dev.aigateway.components.Enums.AccountKind;
import dev.aigateway.components.Enums.ApimSku;
import dev.aigateway.components.Enums.DeploymentSku;
import dev.aigateway.components.Enums.IdentityType;
import dev.aigateway.components.Enums.QuotaPeriod;
import dev.aigateway.components.InvalidInputException;
import dev.aigateway.components.McpToolConfig;
import dev.aigateway.components.Naming;
import dev.aigateway.components.OpenAiBackendPoolArgs;
import dev.aigateway.components.TenantConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one parser of stack configuration. Both entry points reduce their input to a mapping of
 * {@code ai-gateway:*} keys to JSON trees, map those onto the components' typed inputs, and let
 * {@link GatewayConfig} check them with the components' own rules. This class adds only what is
 * about the stack file: namespaces, unknown keys, types, defaults, and files named in it.
 */
public final class ConfigParser {
    public static final String NAMESPACE = "ai-gateway";
    static final String LOCATION_KEY = "azure-native:location";

    /** The keys this version understands, in the order they are checked. */
    public static final List<String> KEYS = List.of("gateway", "backends", "tenants", "mcpTools", "promptSafety");
    public static final Set<String> GATEWAY_KEYS = Set.of("publisherEmail", "publisherName", "sku", "capacity", "identity",
            "streaming", "protect", "namePrefix", "resourceGroupName", "openAiSpecVersion", "throttleSeconds", "backendTimeoutSeconds", "zones", "additionalLocations", "network");
    public static final Set<String> LOCATION_KEYS = Set.of("location", "capacity", "zones", "subnetId");
    public static final Set<String> NETWORK_KEYS = Set.of("mode", "subnetId", "publicIpAddressId", "privateEndpointSubnetId", "privateDnsZoneIds");
    public static final Set<String> BACKEND_KEYS = Set.of("name", "location", "kind", "priority", "weight", "deployments", "existingAccountId");
    public static final Set<String> DEPLOYMENT_KEYS = Set.of("name", "model", "version", "sku", "capacity", "priority", "weight");
    public static final Set<String> TENANT_KEYS = Set.of("name", "displayName", "tokensPerMinute", "tokenQuota", "tokenQuotaPeriod",
            "subscriptions", "apis", "deployments", "promptSafety");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper STRICT_JSON = new ObjectMapper().enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    private static final Pattern STACK_FILE = Pattern.compile("^Pulumi\\.([A-Za-z0-9_.-]+)\\.ya?ml$");

    private ConfigParser() {}

    /** Parse a {@code Pulumi.<stack>.yaml} file, dropping warnings. Relative paths in it resolve against its folder. */
    public static GatewayConfig fromStackFile(Path file) throws IOException {
        return fromStackFile(file, warning -> {});
    }

    /** Parse a {@code Pulumi.<stack>.yaml} file; warnings (one line each) go to {@code warnings}. */
    public static GatewayConfig fromStackFile(Path file, Consumer<String> warnings) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new ConfigException("stack file", Files.exists(file) ? "must be a file" : "does not exist", "\"" + file + "\"");
        }
        Matcher m = STACK_FILE.matcher(file.getFileName().toString());
        if (!m.matches()) {
            throw new ConfigException("stack file", "must be named Pulumi.<stack>.yaml", "\"" + file.getFileName() + "\"");
        }
        JsonNode root = StrictYaml.read(Files.readString(file), file.getFileName().toString());
        JsonNode config = root == null ? null : root.get("config");
        if (config == null || !config.isObject()) {
            throw new ConfigException("config", "is required as a mapping in " + file.getFileName(), ConfigNode.describe(config));
        }
        Map<String, JsonNode> keys = new LinkedHashMap<>();
        config.fields().forEachRemaining(e -> keys.put(e.getKey(), e.getValue()));
        return parse(m.group(1), keys, file.toAbsolutePath().getParent(), warnings);
    }

    /** {@code true}, or {categories, threshold, promptShields, onOutage: block|allow}. */
    static java.util.Optional<dev.aigateway.components.PromptSafetyConfig> promptSafety(ConfigNode node) {
        if (!node.isPresent()) {
            return java.util.Optional.empty();
        }
        var standard = dev.aigateway.components.PromptSafetyConfig.standard();
        if (node.isBoolean()) {
            return node.boolOr(false) ? java.util.Optional.of(standard) : java.util.Optional.empty();
        }
        node.requireObject(Set.of("categories", "threshold", "promptShields", "onOutage"));
        ConfigNode cats = node.field("categories");
        ConfigNode outage = node.field("onOutage");
        String onOutage = outage.stringOr("block");
        if (!onOutage.equals("block") && !onOutage.equals("allow")) {
            throw outage.reject("must be block (refuse prompts that cannot be screened) or allow (let them through unscreened)");
        }
        return java.util.Optional.of(new dev.aigateway.components.PromptSafetyConfig(cats.isPresent() ? strings(cats) : standard.categories(),
                node.field("threshold").intOr(standard.threshold()), node.field("promptShields").boolOr(standard.promptShields()),
                onOutage.equals("allow")));
    }

    /**
     * Parse the config the engine hands the program: every key of the stack as {@code namespace:name}
     * to text, structured values as JSON text (see {@link EngineConfig}).
     */
    public static GatewayConfig fromEngine(String stack, Map<String, String> config, Path folder, Consumer<String> warnings) {
        Map<String, JsonNode> keys = new LinkedHashMap<>();
        config.forEach((key, text) -> keys.put(key, engineValue(key, text)));
        return parse(stack, keys, folder, warnings);
    }

    /** Structured values arrive as JSON text; anything else is the text itself. */
    private static JsonNode engineValue(String key, String text) {
        String t = text.strip();
        if (!t.startsWith("{") && !t.startsWith("[")) {
            return TextNode.valueOf(text);
        }
        try {
            return STRICT_JSON.readTree(t);
        } catch (JsonProcessingException e) {
            if (e.getOriginalMessage() != null && e.getOriginalMessage().startsWith("Duplicate field")) {
                throw new ConfigException(key, "must not give a key twice: " + firstLine(e.getOriginalMessage()), "a repeated key");
            }
            return TextNode.valueOf(text);
        }
    }

    /** {@code folder} is where relative file paths in the config resolve: the stack file's folder. */
    static GatewayConfig parse(String stack, Map<String, JsonNode> keys, Path folder, Consumer<String> warnings) {
        ObjectNode own = JSON.createObjectNode();
        JsonNode location = null;
        try {
            // The stack name comes first: a stack with an unusable name is refused before its content.
            GatewayConfig.checkStack(stack);
            StackKeys.Sorted sorted = StackKeys.sort(keys, warnings);
            own = sorted.own();
            location = sorted.location();
            return read(stack, own, location, folder);
        } catch (InvalidInputException e) {
            throw asConfigError(e, own, location);
        }
    }

    private static GatewayConfig read(String stack, ObjectNode own, JsonNode location, Path folder) {
        String region = new ConfigNode(LOCATION_KEY, location).requireString();
        GatewaySettings gateway = gateway(stack, new ConfigNode(NAMESPACE + ":gateway", own.get("gateway")));
        List<BackendConfig> backends = new ArrayList<>();
        for (ConfigNode item : new ConfigNode(NAMESPACE + ":backends", own.get("backends")).requireList(1)) {
            backends.add(backend(item));
        }
        List<McpToolConfig> tools = McpToolsParser.parse(new ConfigNode(NAMESPACE + ":mcpTools", own.get("mcpTools")), folder);
        List<TenantConfig> tenants = new ArrayList<>();
        ConfigNode tenantsNode = new ConfigNode(NAMESPACE + ":tenants", own.get("tenants"));
        if (tenantsNode.isPresent()) {
            for (ConfigNode item : tenantsNode.requireList(0)) {
                tenants.add(tenant(item));
            }
        }
        return new GatewayConfig(stack, region, gateway, backends, tenants, tools,
                promptSafety(new ConfigNode(NAMESPACE + ":promptSafety", own.get("promptSafety"))));
    }

    private static GatewaySettings gateway(String stack, ConfigNode node) {
        node.requireObject(GATEWAY_KEYS);
        String email = node.field("publisherEmail").requireString();
        String publisherName = node.field("publisherName").requireString();
        ApimSku sku = node.field("sku").enumOr(ApimSku.class, AiGatewayArgs.DEFAULT_SKU);
        int capacity = node.field("capacity").intOr(AiGatewayArgs.DEFAULT_CAPACITY);
        IdentityType identity = node.field("identity").enumOr(IdentityType.class, AiGatewayArgs.DEFAULT_IDENTITY);
        boolean streaming = node.field("streaming").boolOr(OpenAiBackendPoolArgs.DEFAULT_STREAMING);
        boolean protect = node.field("protect").boolOr(GatewaySettings.DEFAULT_PROTECT);
        String prefix = node.field("namePrefix").stringOr(Naming.DEFAULT_PREFIX);
        String rg = node.field("resourceGroupName").stringOr(GatewaySettings.defaultResourceGroupName(prefix, stack));
        String spec = node.field("openAiSpecVersion").stringOr(GatewaySettings.DEFAULT_OPENAI_SPEC_VERSION);
        int throttle = node.field("throttleSeconds").intOr(OpenAiBackendPoolArgs.DEFAULT_THROTTLE_SECONDS);
        int timeout = node.field("backendTimeoutSeconds").intOr(OpenAiBackendPoolArgs.DEFAULT_BACKEND_TIMEOUT_SECONDS);
        List<String> zones = zones(node.field("zones"));
        List<AdditionalLocationConfig> more = new ArrayList<>();
        ConfigNode moreNode = node.field("additionalLocations");
        if (moreNode.isPresent()) {
            for (ConfigNode l : moreNode.requireList(0)) {
                l.requireObject(LOCATION_KEYS);
                more.add(new AdditionalLocationConfig(l.field("location").requireString(), l.field("capacity").intOr(AdditionalLocationConfig.DEFAULT_CAPACITY),
                        zones(l.field("zones")), l.field("subnetId").optionalString()));
            }
        }
        Optional<NetworkConfig> network = Optional.empty();
        ConfigNode n = node.field("network");
        if (n.isPresent()) {
            n.requireObject(NETWORK_KEYS);
            ConfigNode dns = n.field("privateDnsZoneIds");
            network = Optional.of(new NetworkConfig(n.field("mode").enumOr(VnetMode.class, null), n.field("subnetId").requireString(),
                    n.field("publicIpAddressId").optionalString(), n.field("privateEndpointSubnetId").requireString(),
                    dns.isPresent() ? strings(dns) : List.of()));
        }
        return new GatewaySettings(email, publisherName, sku, capacity, identity, streaming, protect, prefix, rg, spec,
                throttle, timeout, zones, List.copyOf(more), network);
    }

    private static BackendConfig backend(ConfigNode node) {
        node.requireObject(BACKEND_KEYS);
        String name = node.field("name").requireString();
        int priority = node.field("priority").intOr(BackendConfig.DEFAULT_PRIORITY);
        int weight = node.field("weight").intOr(BackendConfig.DEFAULT_WEIGHT);
        Optional<String> existing = node.field("existingAccountId").optionalString();
        ConfigNode kindNode = node.field("kind");
        if (existing.isPresent() && kindNode.isPresent()) {
            // The record cannot tell a given kind from the default one, so the stack file is refused here.
            throw kindNode.reject(BackendConfig.NOT_WITH_EXISTING);
        }
        Optional<String> location = node.field("location").optionalString();
        AccountKind kind = kindNode.enumOr(AccountKind.class, BackendConfig.DEFAULT_KIND);
        ConfigNode deploymentsNode = node.field("deployments");
        if (existing.isPresent()) {
            // An existing account is used as it is: it names the deployments it serves, nothing more.
            List<String> served = deploymentsNode.isPresent() ? names(deploymentsNode) : List.of();
            return new BackendConfig(name, location, kind, priority, weight, List.of(), existing, served);
        }
        List<DeploymentConfig> deployments = new ArrayList<>();
        for (ConfigNode d : deploymentsNode.requireList(1)) {
            deployments.add(deployment(d));
        }
        return new BackendConfig(name, location, kind, priority, weight, List.copyOf(deployments), existing, List.of());
    }

    /** A list of deployment names; a mapping here is the shape of a deployment to create, which an existing account does not take. */
    private static List<String> names(ConfigNode list) {
        List<String> out = new ArrayList<>();
        for (ConfigNode item : list.requireList(0)) {
            if (item.isObject()) {
                throw item.reject(BackendConfig.NOT_WITH_EXISTING + "; list the names of the deployments it serves");
            }
            out.add(item.requireString());
        }
        return List.copyOf(out);
    }

    private static DeploymentConfig deployment(ConfigNode node) {
        node.requireObject(DEPLOYMENT_KEYS);
        String name = node.field("name").requireString();
        String model = node.field("model").requireString();
        String version = node.field("version").requireString();
        DeploymentSku sku = node.field("sku").enumOr(DeploymentSku.class, DeploymentConfig.DEFAULT_SKU);
        int capacity = node.field("capacity").requireInt();
        ConfigNode p = node.field("priority");
        ConfigNode w = node.field("weight");
        return new DeploymentConfig(name, model, version, sku, capacity, p.isPresent() ? Optional.of(p.requireInt()) : Optional.empty(),
                w.isPresent() ? Optional.of(w.requireInt()) : Optional.empty());
    }

    private static TenantConfig tenant(ConfigNode node) {
        node.requireObject(TENANT_KEYS);
        String name = node.field("name").requireString();
        String displayName = node.field("displayName").stringOr(name);
        int tokensPerMinute = node.field("tokensPerMinute").requireInt();
        ConfigNode quotaNode = node.field("tokenQuota");
        Optional<Long> quota = quotaNode.isPresent() ? Optional.of(quotaNode.requireLong()) : Optional.empty();
        ConfigNode periodNode = node.field("tokenQuotaPeriod");
        Optional<QuotaPeriod> period = periodNode.isPresent()
                ? Optional.of(periodNode.enumOr(QuotaPeriod.class, null)) : Optional.empty();
        ConfigNode subsNode = node.field("subscriptions");
        List<String> subscriptions = subsNode.isPresent() ? strings(subsNode) : TenantConfig.DEFAULT_SUBSCRIPTIONS;
        ConfigNode apisNode = node.field("apis");
        List<String> apis = apisNode.isPresent() ? strings(apisNode) : TenantConfig.DEFAULT_APIS;
        ConfigNode deploymentsNode = node.field("deployments");
        List<String> deployments = deploymentsNode.isPresent() ? strings(deploymentsNode) : List.of();
        return new TenantConfig(name, displayName, tokensPerMinute, quota, period, subscriptions, apis, deployments,
                node.field("promptSafety").boolOr(TenantConfig.DEFAULT_PROMPT_SAFETY));
    }

    /** Availability zones, written as numbers or strings: "1", "2", "3". */
    private static List<String> zones(ConfigNode node) {
        if (!node.isPresent()) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (ConfigNode z : node.requireList(1)) {
            out.add(String.valueOf(z.requireString()));
        }
        return List.copyOf(out);
    }

    static List<String> strings(ConfigNode list) {
        List<String> out = new ArrayList<>();
        for (ConfigNode item : list.requireList(1)) {
            out.add(item.requireString());
        }
        return List.copyOf(out);
    }

    /**
     * A component's refusal as the stack file's one-line error: its key in the stack file's
     * namespace, and the value as the stack file gives it.
     */
    private static ConfigException asConfigError(InvalidInputException e, ObjectNode own, JsonNode location) {
        String key = e.key();
        if (key.equals("stack")) {
            return new ConfigException("stack", e.rule(), ConfigNode.describe(TextNode.valueOf(String.valueOf(e.value()))));
        }
        if (key.equals("location")) {
            return new ConfigException(LOCATION_KEY, e.rule(), ConfigNode.describe(location));
        }
        JsonNode node = e.isRedacted() ? TextNode.valueOf(String.valueOf(e.value())) : at(own, key);
        Matcher defaultedPath = Pattern.compile("^(mcpTools\\[\\d+\\])\\.path$").matcher(key);
        if (node.isMissingNode() && defaultedPath.matches()) {
            // A tool API's path defaults to one made from its name: report the name that made it.
            key = defaultedPath.group(1) + ".name";
            node = at(own, key);
        }
        String rule = e.rule();
        for (String other : e.mentioned()) {
            rule = rule.replace(other, NAMESPACE + ":" + other);
        }
        return new ConfigException(NAMESPACE + ":" + key, rule, ConfigNode.describe(node));
    }

    /** The node at a key path such as {@code backends[1].deployments[0].capacity}, or a missing node. */
    static JsonNode at(JsonNode root, String path) {
        JsonNode node = root;
        Matcher m = Pattern.compile("([^.\\[\\]]+)|\\[(\\d+)\\]").matcher(path);
        while (m.find() && node != null && !node.isMissingNode()) {
            node = m.group(1) != null ? node.get(m.group(1)) : node.get(Integer.parseInt(m.group(2)));
            if (node == null) {
                return MissingNode.getInstance();
            }
        }
        return node == null ? MissingNode.getInstance() : node;
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "parse error";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
