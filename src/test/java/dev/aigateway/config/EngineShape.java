package dev.aigateway.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A stack's config as the Pulumi CLI hands it to the program: PULUMI_CONFIG holds every key,
 * fully qualified, each value as text (structured values as their JSON), and PULUMI_STACK the name.
 */
final class EngineShape {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory());

    private EngineShape() {}

    static Map<String, String> environment(Path stackFile) throws IOException {
        String name = stackFile.getFileName().toString();
        String stack = name.substring("Pulumi.".length(), name.lastIndexOf('.'));
        JsonNode config = YAML.readTree(Files.readString(stackFile)).get("config");
        Map<String, String> keys = new LinkedHashMap<>();
        config.fields().forEachRemaining(e -> keys.put(e.getKey(), e.getValue().isValueNode() ? e.getValue().asText() : e.getValue().toString()));
        return environment(stack, keys, stackFile.toAbsolutePath().getParent());
    }

    static Map<String, String> environment(String stack, Map<String, String> keys, Path root) {
        ObjectNode config = JSON.createObjectNode();
        keys.forEach(config::put);
        return Map.of(EngineConfig.STACK, stack, EngineConfig.CONFIG, config.toString(), EngineConfig.ROOT, root.toString());
    }
}
