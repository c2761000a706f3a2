package dev.aigateway.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.aigateway.config.Enums.AccountKind;
import dev.aigateway.config.Enums.ApimSku;
import dev.aigateway.config.Enums.DeploymentSku;
import dev.aigateway.config.Enums.IdentityType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one parser of stack configuration. Both entry points reduce their input to a mapping of
 * {@code ai-gateway:*} keys to JSON trees and then validate every value before anything is built.
 */
public final class ConfigParser {
    public static final String NAMESPACE = "ai-gateway";

    /** The keys this version understands, in the order they are validated. */
    static final List<String> KEYS = List.of("gateway", "backends", "tenants", "mcpTools");

    /** API ids a tenant may name. */
    public static final String OPENAI_API = "azure-openai";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private static final Pattern EMAIL = Pattern.compile("^[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}$");
    private static final Pattern REGION = Pattern.compile("^[a-z][a-z0-9]{2,39}$");
    private static final Pattern BACKEND_NAME = Pattern.compile("^[a-z0-9](?:[a-z0-9-]{0,30}[a-z0-9])?$");
    private static final Pattern PREFIX = Pattern.compile("^[a-z][a-z0-9]{1,11}$");
    private static final Pattern RESOURCE_GROUP = Pattern.compile("^[-\\w.()]{0,89}[-\\w()]$");
    private static final Pattern SPEC_VERSION = Pattern.compile("^\\d{4}-\\d{2}-\\d{2}(-preview)?$");
    private static final Pattern DEPLOYMENT_NAME = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$");
    private static final Pattern MODEL_NAME = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$");
    private static final Pattern MODEL_VERSION = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9_.-]{0,31}$");
    private static final Pattern ACCOUNT_ID = Pattern.compile(
            "^/subscriptions/[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"
                    + "/resourceGroups/[-\\w.()]{1,90}/providers/Microsoft\\.CognitiveServices/accounts/[A-Za-z0-9][A-Za-z0-9-]{1,63}$",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern STACK_FILE = Pattern.compile("^Pulumi\\.([A-Za-z0-9_.-]+)\\.ya?ml$");
    private static final Pattern STACK_NAME = Pattern.compile("^[a-z0-9][a-z0-9-]{0,19}$");

    /** APIM service names are global DNS labels: 1-50 chars. The suffix is 6 random characters. */
    static final int RANDOM_SUFFIX_LENGTH = 6;
    private static final int APIM_NAME_MAX = 50;
    private static final int ACCOUNT_NAME_MAX = 64;

    private ConfigParser() {}

    /** Parse a {@code Pulumi.<stack>.yaml} file. Relative paths in it resolve against its folder. */
    public static GatewayConfig fromStackFile(Path file) throws IOException {
        Matcher m = STACK_FILE.matcher(file.getFileName().toString());
        if (!m.matches()) {
            throw new ConfigException("stack file", "must be named Pulumi.<stack>.yaml", "\"" + file.getFileName() + "\"");
        }
        JsonNode root;
        try {
            root = YAML.readTree(Files.readString(file));
        } catch (JsonProcessingException e) {
            throw new ConfigException(file.getFileName().toString(), "must be valid YAML: " + firstLine(e.getOriginalMessage()), "a parse error");
        }
        JsonNode config = root == null ? null : root.get("config");
        if (config == null || !config.isObject()) {
            throw new ConfigException("config", "is required as a mapping in " + file.getFileName(), ConfigNode.describe(config));
        }
        ObjectNode own = JSON.createObjectNode();
        JsonNode location = null;
        Iterator<Map.Entry<String, JsonNode>> fields = config.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> e = fields.next();
            String key = e.getKey();
            if (key.equals("azure-native:location")) {
                location = e.getValue();
            } else if (key.startsWith(NAMESPACE + ":")) {
                own.set(key.substring(NAMESPACE.length() + 1), e.getValue());
            } else if (!key.contains(":")) {
                // Pulumi reads unqualified keys as the project's own namespace.
                own.set(key, e.getValue());
            }
        }
        Path folder = file.toAbsolutePath().getParent();
        return parse(m.group(1), own, location, folder);
    }

    /** Parse what the engine hands the program: structured values arrive as JSON text. */
    public static GatewayConfig fromEngine(String stack, Function<String, Optional<String>> ownKey, Optional<String> location) {
        ObjectNode own = JSON.createObjectNode();
        for (String key : KEYS) {
            Optional<String> raw = ownKey.apply(key);
            if (raw.isPresent()) {
                try {
                    own.set(key, JSON.readTree(raw.get()));
                } catch (JsonProcessingException e) {
                    own.set(key, TextNode.valueOf(raw.get()));
                }
            }
        }
        return parse(stack, own, location.map(TextNode::valueOf).orElse(null), Path.of("").toAbsolutePath());
    }

    /** {@code folder} is where relative file paths in the config resolve: the stack file's folder. */
    static GatewayConfig parse(String stack, ObjectNode own, JsonNode location, Path folder) {
        if (!STACK_NAME.matcher(stack).matches()) {
            throw new ConfigException("stack", "must be 1-20 lowercase letters, digits or '-', starting with a letter or digit", "\"" + stack + "\"");
        }
        Iterator<String> names = own.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!KEYS.contains(name)) {
                throw new ConfigException(NAMESPACE + ":" + name,
                        "unknown key; this version understands " + NAMESPACE + ":" + String.join(", " + NAMESPACE + ":", KEYS),
                        ConfigNode.describe(own.get(name)));
            }
        }
        ConfigNode loc = new ConfigNode("azure-native:location", location);
        String region = loc.matching(loc.requireString(), REGION, "must be an Azure region name such as swedencentral");

        GatewaySettings gateway = gateway(stack, new ConfigNode(NAMESPACE + ":gateway", own.get("gateway")));
        List<BackendConfig> backends = backends(gateway, new ConfigNode(NAMESPACE + ":backends", own.get("backends")));
        List<McpToolConfig> tools = McpToolsParser.parse(new ConfigNode(NAMESPACE + ":mcpTools", own.get("mcpTools")), folder);
        Set<String> apiIds = new LinkedHashSet<>();
        apiIds.add(OPENAI_API);
        tools.forEach(t -> apiIds.add(t.name()));
        List<TenantConfig> tenants = tenants(new ConfigNode(NAMESPACE + ":tenants", own.get("tenants")), apiIds);
        return new GatewayConfig(stack, region, gateway, List.copyOf(backends), List.copyOf(tenants), List.copyOf(tools));
    }

    private static GatewaySettings gateway(String stack, ConfigNode node) {
        node.requireObject(Set.of("publisherEmail", "publisherName", "sku", "capacity", "identity", "streaming", "protect",
                "namePrefix", "resourceGroupName", "openAiSpecVersion", "throttleSeconds", "backendTimeoutSeconds"));

        ConfigNode emailNode = node.field("publisherEmail");
        String email = emailNode.matching(emailNode.requireString(), EMAIL, "must be an email address");
        ConfigNode nameNode = node.field("publisherName");
        String publisherName = nameNode.requireString();
        if (publisherName.length() > 100) {
            throw nameNode.reject("must be at most 100 characters");
        }
        ApimSku sku = node.field("sku").enumOr(ApimSku.class, ApimSku.Developer);
        int maxCapacity = switch (sku) {
            case Developer -> 1;
            case Basic -> 2;
            case Standard -> 4;
            case Premium -> 12;
        };
        ConfigNode capNode = node.field("capacity");
        int capacity = capNode.intOr(1, 1, Integer.MAX_VALUE);
        if (capacity > maxCapacity) {
            throw capNode.reject("must be at most " + maxCapacity + " units for sku " + sku);
        }
        IdentityType identity = node.field("identity").enumOr(IdentityType.class, IdentityType.SystemAssigned);
        boolean streaming = node.field("streaming").boolOr(true);
        boolean protect = node.field("protect").boolOr(false);

        ConfigNode prefixNode = node.field("namePrefix");
        String prefix = prefixNode.matching(prefixNode.stringOr("aigw"), PREFIX,
                "must be 2-12 lowercase letters or digits, starting with a letter");
        int apimNameLength = prefix.length() + 1 + stack.length() + 1 + RANDOM_SUFFIX_LENGTH;
        if (apimNameLength > APIM_NAME_MAX) {
            throw prefixNode.reject("with the stack name makes an APIM service name of " + apimNameLength
                    + " characters; the limit is " + APIM_NAME_MAX);
        }
        ConfigNode rgNode = node.field("resourceGroupName");
        String rg = rgNode.matching(rgNode.stringOr("rg-" + prefix + "-" + stack), RESOURCE_GROUP,
                "must be 1-90 letters, digits, '-', '_', '.', '(' or ')', not ending in '.'");
        ConfigNode specNode = node.field("openAiSpecVersion");
        String spec = specNode.matching(specNode.stringOr("2024-02-01"), SPEC_VERSION,
                "must be an inference API version such as 2024-02-01 or 2025-03-01-preview");
        int throttle = node.field("throttleSeconds").intOr(10, 1, 3600);
        // forward-request timeouts above 240 s may be cut by the network below APIM.
        int timeout = node.field("backendTimeoutSeconds").intOr(180, 1, 240);
        return new GatewaySettings(email, publisherName, sku, capacity, identity, streaming, protect, prefix, rg, spec,
                throttle, timeout);
    }

    private static List<BackendConfig> backends(GatewaySettings gateway, ConfigNode node) {
        List<ConfigNode> items = node.requireList(1);
        if (items.size() > 20) {
            throw node.reject("must have at most 20 entries");
        }
        List<BackendConfig> result = new ArrayList<>();
        Set<String> names = new HashSet<>();
        Set<String> accountIds = new HashSet<>();
        Set<String> firstDeploymentNames = null;
        String firstWithDeployments = null;
        for (ConfigNode item : items) {
            BackendConfig backend = backend(gateway, item);
            if (!names.add(backend.name())) {
                throw item.field("name").reject("must be unique among backends");
            }
            if (backend.existingAccountId().isPresent()
                    && !accountIds.add(backend.existingAccountId().get().toLowerCase(java.util.Locale.ROOT))) {
                throw item.field("existingAccountId").reject("must be unique among backends");
            }
            if (!backend.deployments().isEmpty()) {
                Set<String> deploymentNames = new LinkedHashSet<>();
                backend.deployments().forEach(d -> deploymentNames.add(d.name()));
                if (firstDeploymentNames == null) {
                    firstDeploymentNames = deploymentNames;
                    firstWithDeployments = item.path();
                } else if (!firstDeploymentNames.equals(deploymentNames)) {
                    // Any request may be sent to any backend, so every backend must serve the same deployments.
                    throw item.field("deployments").reject("must name the same deployments as " + firstWithDeployments
                            + " " + firstDeploymentNames + ", because any request can be routed to any backend");
                }
            }
            result.add(backend);
        }
        return result;
    }

    private static BackendConfig backend(GatewaySettings gateway, ConfigNode node) {
        node.requireObject(Set.of("name", "location", "kind", "priority", "weight", "deployments", "existingAccountId"));
        ConfigNode nameNode = node.field("name");
        String name = nameNode.matching(nameNode.requireString(), BACKEND_NAME,
                "must be 1-32 lowercase letters, digits or '-', not starting or ending with '-'");
        int accountNameLength = gateway.namePrefix().length() + 1 + name.length() + 1 + RANDOM_SUFFIX_LENGTH;
        if (accountNameLength > ACCOUNT_NAME_MAX) {
            throw nameNode.reject("makes an account name of " + accountNameLength + " characters; the limit is " + ACCOUNT_NAME_MAX);
        }
        int priority = node.field("priority").intOr(1, 1, 100);
        int weight = node.field("weight").intOr(100, 1, 1000);

        ConfigNode idNode = node.field("existingAccountId");
        Optional<String> existing = idNode.optionalString();
        if (existing.isPresent()) {
            idNode.matching(existing.get(), ACCOUNT_ID,
                    "must be a resource id /subscriptions/<guid>/resourceGroups/<rg>/providers/Microsoft.CognitiveServices/accounts/<name>");
            for (String field : List.of("kind", "deployments", "location")) {
                ConfigNode f = node.field(field);
                if (f.isPresent()) {
                    throw f.reject("is not allowed with existingAccountId: an existing account is used as it is");
                }
            }
            return new BackendConfig(name, Optional.empty(), AccountKind.OpenAI, priority, weight, List.of(), existing);
        }

        ConfigNode locNode = node.field("location");
        String location = locNode.matching(locNode.requireString(), REGION, "must be an Azure region name such as swedencentral");
        AccountKind kind = node.field("kind").enumOr(AccountKind.class, AccountKind.OpenAI);
        List<DeploymentConfig> deployments = new ArrayList<>();
        Set<String> deploymentNames = new HashSet<>();
        for (ConfigNode d : node.field("deployments").requireList(1)) {
            DeploymentConfig deployment = deployment(d);
            if (!deploymentNames.add(deployment.name())) {
                throw d.field("name").reject("must be unique within the backend");
            }
            deployments.add(deployment);
        }
        return new BackendConfig(name, Optional.of(location), kind, priority, weight, List.copyOf(deployments), Optional.empty());
    }

    private static final Pattern TENANT_NAME = Pattern.compile("^[a-z0-9](?:[a-z0-9-]{0,46}[a-z0-9])?$");
    private static final Pattern SUBSCRIPTION_NAME = Pattern.compile("^[a-z0-9](?:[a-z0-9-]{0,30}[a-z0-9])?$");
    /** The sample products APIM used to create; the baseline says never to create them. */
    private static final Set<String> SAMPLE_PRODUCTS = Set.of("starter", "unlimited");

    private static List<TenantConfig> tenants(ConfigNode node, Set<String> apiIds) {
        if (!node.isPresent()) {
            return List.of();
        }
        List<TenantConfig> result = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (ConfigNode item : node.requireList(0)) {
            TenantConfig tenant = tenant(item, apiIds);
            if (!names.add(tenant.name())) {
                throw item.field("name").reject("must be unique among tenants");
            }
            result.add(tenant);
        }
        return result;
    }

    private static TenantConfig tenant(ConfigNode node, Set<String> apiIds) {
        node.requireObject(Set.of("name", "displayName", "tokensPerMinute", "tokenQuota", "tokenQuotaPeriod",
                "subscriptions", "apis"));
        ConfigNode nameNode = node.field("name");
        String name = nameNode.matching(nameNode.requireString(), TENANT_NAME,
                "must be a valid APIM product id: 1-48 lowercase letters, digits or '-', not starting or ending with '-'");
        if (SAMPLE_PRODUCTS.contains(name)) {
            throw nameNode.reject("must not be the name of an APIM sample product (starter, unlimited)");
        }
        ConfigNode displayNode = node.field("displayName");
        String displayName = displayNode.stringOr(name);
        if (displayName.length() > 100) {
            throw displayNode.reject("must be at most 100 characters");
        }
        ConfigNode tpmNode = node.field("tokensPerMinute");
        int tokensPerMinute = tpmNode.requireInt(1, Integer.MAX_VALUE);
        ConfigNode quotaNode = node.field("tokenQuota");
        ConfigNode periodNode = node.field("tokenQuotaPeriod");
        Optional<Long> quota = quotaNode.isPresent() ? Optional.of(quotaNode.requireLong(1, Long.MAX_VALUE)) : Optional.empty();
        Optional<Enums.QuotaPeriod> period = periodNode.isPresent()
                ? Optional.of(periodNode.enumOr(Enums.QuotaPeriod.class, null)) : Optional.empty();
        if (quota.isPresent() && period.isEmpty()) {
            throw periodNode.reject("is required with tokenQuota: one of Hourly, Daily, Weekly, Monthly, Yearly");
        }
        if (period.isPresent() && quota.isEmpty()) {
            throw quotaNode.reject("is required with tokenQuotaPeriod");
        }
        if (quota.isPresent() && quota.get() < tokensPerMinute) {
            throw quotaNode.reject("must be at least tokensPerMinute (" + tokensPerMinute
                    + "): a quota below one minute's limit leaves the limit meaningless");
        }

        List<String> subscriptions = new ArrayList<>();
        ConfigNode subsNode = node.field("subscriptions");
        if (subsNode.isPresent()) {
            for (ConfigNode s : subsNode.requireList(1)) {
                String sub = s.matching(s.requireString(), SUBSCRIPTION_NAME,
                        "must be 1-32 lowercase letters, digits or '-', not starting or ending with '-'");
                if (subscriptions.contains(sub)) {
                    throw s.reject("must be unique within the tenant");
                }
                subscriptions.add(sub);
            }
            if (subscriptions.size() > 10) {
                throw subsNode.reject("must have at most 10 entries");
            }
        } else {
            subscriptions.add("default");
        }

        List<String> apis = new ArrayList<>();
        ConfigNode apisNode = node.field("apis");
        if (apisNode.isPresent()) {
            for (ConfigNode a : apisNode.requireList(1)) {
                String api = a.requireString();
                if (!apiIds.contains(api)) {
                    throw a.reject("must name an API of this gateway: " + String.join(", ", new java.util.TreeSet<>(apiIds)));
                }
                if (apis.contains(api)) {
                    throw a.reject("must be unique within the tenant");
                }
                apis.add(api);
            }
        } else {
            apis.add(OPENAI_API);
        }
        return new TenantConfig(name, displayName, tokensPerMinute, quota, period, List.copyOf(subscriptions), List.copyOf(apis));
    }

    private static DeploymentConfig deployment(ConfigNode node) {
        node.requireObject(Set.of("name", "model", "version", "sku", "capacity"));
        ConfigNode n = node.field("name");
        String name = n.matching(n.requireString(), DEPLOYMENT_NAME, "must be 1-64 letters, digits, '_', '.' or '-'");
        ConfigNode m = node.field("model");
        String model = m.matching(m.requireString(), MODEL_NAME, "must be a model name such as gpt-4o");
        ConfigNode v = node.field("version");
        String version = v.matching(v.requireString(), MODEL_VERSION, "must be a model version such as 2024-11-20");
        DeploymentSku sku = node.field("sku").enumOr(DeploymentSku.class, DeploymentSku.Standard);
        int capacity = node.field("capacity").requireInt(1, 100_000);
        return new DeploymentConfig(name, model, version, sku, capacity);
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "parse error";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
