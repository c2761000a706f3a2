package dev.aigateway.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The stack's config as {@code pulumi up} hands it to the program: the language host sets
 * {@code PULUMI_CONFIG} to a JSON object of every config key of the stack ({@code namespace:name})
 * to its text, and {@code PULUMI_STACK} to the stack's name; the Pulumi Java SDK reads its config
 * from the same variable. Reading every key, not only the ones the program asks for, is what lets
 * a misspelt or dotted key be refused under {@code pulumi up} exactly as the offline plan refuses it.
 */
public final class EngineConfig {
    public static final String CONFIG = "PULUMI_CONFIG";
    public static final String STACK = "PULUMI_STACK";
    public static final String ROOT = "PULUMI_ROOT_DIRECTORY";
    private static final ObjectMapper JSON = new ObjectMapper();

    private EngineConfig() {}

    /** The stack's config from the program's environment; warnings (one line each) go to {@code warnings}. */
    public static GatewayConfig read(Map<String, String> env, Consumer<String> warnings) {
        String stack = env.get(STACK);
        if (stack == null || stack.isBlank()) {
            throw new ConfigException(STACK, "is required: the program reads its stack from the engine (run it with pulumi up or preview)",
                    "nothing");
        }
        Path folder = Path.of(env.getOrDefault(ROOT, "")).toAbsolutePath();
        return ConfigParser.fromEngine(stack, keys(env.getOrDefault(CONFIG, "{}")), folder, warnings);
    }

    /**
     * The engine's JSON object of keys to text. A key of the older form {@code namespace:config:name}
     * is read as {@code namespace:name}, as the SDK reads it.
     */
    static Map<String, String> keys(String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new ConfigException(CONFIG, "must be the engine's JSON object of config keys", "text that is not JSON");
        }
        if (root == null || !root.isObject()) {
            throw new ConfigException(CONFIG, "must be the engine's JSON object of config keys", ConfigNode.describe(root));
        }
        Map<String, String> keys = new LinkedHashMap<>();
        root.fields().forEachRemaining(e -> keys.put(cleanKey(e.getKey()), e.getValue().isTextual() ? e.getValue().asText() : e.getValue().toString()));
        return keys;
    }

    private static String cleanKey(String key) {
        int colon = key.indexOf(':');
        if (colon > 0 && key.startsWith("config:", colon + 1)) {
            return key.substring(0, colon) + ":" + key.substring(colon + 1 + "config:".length());
        }
        return key;
    }
}
