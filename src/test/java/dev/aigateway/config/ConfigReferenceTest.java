package dev.aigateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aigateway.components.AiGatewayArgs;
import dev.aigateway.components.BackendConfig;
import dev.aigateway.components.DeploymentConfig;
import dev.aigateway.components.McpToolConfig;
import dev.aigateway.components.McpToolConfig.ContentSafety;
import dev.aigateway.components.Naming;
import dev.aigateway.components.OpenAiBackendPoolArgs;
import dev.aigateway.components.TenantConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The README's configuration reference against the code: every key the parser reads is listed,
 * nothing else is, and each default and limit the table shows is the one the input types hold.
 */
class ConfigReferenceTest {
    private static final Pattern ROW = Pattern.compile("^\\| (.+?) \\| (.+?) \\| (.+?) \\| (.+) \\|$");
    private static final Pattern KEY = Pattern.compile("`([^`]+)`");
    /** Full key to {type, default, rule} cells. */
    private static final Map<String, String[]> ROWS = new LinkedHashMap<>();

    @BeforeAll
    static void readTable() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        String section = readme.substring(readme.indexOf("## Configuration reference"));
        section = section.substring(0, section.indexOf("\n## ", 3));
        String list = null;
        for (String line : section.lines().toList()) {
            Matcher row = ROW.matcher(line);
            if (!row.matches() || line.startsWith("| key") || line.startsWith("|---")) {
                continue;
            }
            Matcher keys = KEY.matcher(row.group(1));
            while (keys.find()) {
                String key = keys.group(1);
                String full;
                if (key.startsWith("…")) {
                    full = list + key.substring(1);
                } else if (key.startsWith(".")) {
                    full = ROWS.keySet().stream().reduce((a, b) -> b).orElseThrow().replaceAll("\\.[^.]+$", "") + key;
                } else {
                    full = key;
                }
                if (!key.startsWith("…") && full.endsWith("[]")) {
                    list = full + "."; // "…" keys are relative to the top-level list above them
                }
                ROWS.put(full, new String[] {row.group(2), row.group(3), row.group(4)});
            }
        }
    }

    static Set<String> known() {
        Set<String> keys = new TreeSet<>();
        keys.add(ConfigParser.LOCATION_KEY);
        ConfigParser.GATEWAY_KEYS.forEach(k -> keys.add("ai-gateway:gateway." + k + (k.equals("additionalLocations") ? "[]" : "")));
        ConfigParser.LOCATION_KEYS.forEach(k -> keys.add("ai-gateway:gateway.additionalLocations[]." + k));
        ConfigParser.NETWORK_KEYS.forEach(k -> keys.add("ai-gateway:gateway.network." + k));
        keys.add("ai-gateway:backends[]");
        ConfigParser.BACKEND_KEYS.forEach(k -> keys.add("ai-gateway:backends[]." + k + (k.equals("deployments") ? "[]" : "")));
        ConfigParser.DEPLOYMENT_KEYS.forEach(k -> keys.add("ai-gateway:backends[].deployments[]." + k));
        keys.add("ai-gateway:tenants[]");
        ConfigParser.TENANT_KEYS.forEach(k -> keys.add("ai-gateway:tenants[]." + k));
        keys.add("ai-gateway:mcpTools[]");
        McpToolsParser.KEYS.forEach(k -> keys.add("ai-gateway:mcpTools[]." + k));
        keys.add("ai-gateway:promptSafety");
        java.util.List.of("categories", "threshold", "promptShields", "onOutage").forEach(k -> keys.add("ai-gateway:promptSafety." + k));
        return keys;
    }

    @Test
    void everyKeyIsDocumentedAndNothingElse() {
        assertThat(new TreeSet<>(ROWS.keySet())).isEqualTo(known());
    }

    @Test
    void defaultsAreTheInputTypesOwn() {
        Map<String, Object> defaults = new LinkedHashMap<>();
        defaults.put("ai-gateway:gateway.sku", AiGatewayArgs.DEFAULT_SKU);
        defaults.put("ai-gateway:gateway.capacity", AiGatewayArgs.DEFAULT_CAPACITY);
        defaults.put("ai-gateway:gateway.identity", AiGatewayArgs.DEFAULT_IDENTITY);
        defaults.put("ai-gateway:gateway.streaming", OpenAiBackendPoolArgs.DEFAULT_STREAMING);
        defaults.put("ai-gateway:gateway.protect", GatewaySettings.DEFAULT_PROTECT);
        defaults.put("ai-gateway:gateway.namePrefix", Naming.DEFAULT_PREFIX);
        defaults.put("ai-gateway:gateway.resourceGroupName", GatewaySettings.defaultResourceGroupName("<prefix>", "<stack>"));
        defaults.put("ai-gateway:gateway.openAiSpecVersion", GatewaySettings.DEFAULT_OPENAI_SPEC_VERSION);
        defaults.put("ai-gateway:gateway.throttleSeconds", OpenAiBackendPoolArgs.DEFAULT_THROTTLE_SECONDS);
        defaults.put("ai-gateway:gateway.backendTimeoutSeconds", OpenAiBackendPoolArgs.DEFAULT_BACKEND_TIMEOUT_SECONDS);
        defaults.put("ai-gateway:gateway.additionalLocations[].capacity", dev.aigateway.components.AdditionalLocationConfig.DEFAULT_CAPACITY);
        defaults.put("ai-gateway:backends[].kind", BackendConfig.DEFAULT_KIND);
        defaults.put("ai-gateway:backends[].priority", BackendConfig.DEFAULT_PRIORITY);
        defaults.put("ai-gateway:backends[].weight", BackendConfig.DEFAULT_WEIGHT);
        defaults.put("ai-gateway:backends[].deployments[].sku", DeploymentConfig.DEFAULT_SKU);
        defaults.put("ai-gateway:tenants[].subscriptions", "[" + String.join(", ", TenantConfig.DEFAULT_SUBSCRIPTIONS) + "]");
        defaults.put("ai-gateway:tenants[].apis", "[" + String.join(", ", TenantConfig.DEFAULT_APIS) + "]");
        defaults.put("ai-gateway:mcpTools[].path", McpToolConfig.defaultPath("<name>"));
        defaults.put("ai-gateway:mcpTools[].mcpPath", McpToolConfig.defaultMcpPath("<name>"));
        defaults.put("ai-gateway:mcpTools[].rateLimit", "{" + McpToolConfig.DEFAULT_RATE_LIMIT.calls() + ", "
                + McpToolConfig.DEFAULT_RATE_LIMIT.renewalPeriod() + "}");
        defaults.put("ai-gateway:tenants[].promptSafety", dev.aigateway.components.TenantConfig.DEFAULT_PROMPT_SAFETY);
        defaults.put("ai-gateway:promptSafety.threshold", dev.aigateway.components.PromptSafetyConfig.standard().threshold());
        defaults.put("ai-gateway:promptSafety.promptShields", dev.aigateway.components.PromptSafetyConfig.DEFAULT_PROMPT_SHIELDS);
        defaults.put("ai-gateway:promptSafety.onOutage", dev.aigateway.components.PromptSafetyConfig.DEFAULT_FAIL_OPEN ? "allow" : "block");
        defaults.forEach((key, value) -> assertThat(ROWS.get(key)[1]).as(key).isEqualTo("`" + value + "`"));
        // Every other row shows no literal default: required, none, or one derived from another key.
        ROWS.forEach((key, cells) -> {
            if (!defaults.containsKey(key)) {
                assertThat(cells[1]).as(key).doesNotStartWith("`");
            }
        });
        assertThat(ROWS.get("ai-gateway:mcpTools[].contentSafety")[2])
                .contains(String.join("`, `", ContentSafety.CATEGORIES)).contains("threshold " + ContentSafety.DEFAULT_THRESHOLD)
                .contains("0-" + ContentSafety.MAX_THRESHOLD);
    }

    @Test
    void limitsAreTheInputTypesOwn() {
        assertThat(ROWS.get("ai-gateway:gateway.throttleSeconds")[2]).startsWith("1-" + OpenAiBackendPoolArgs.MAX_THROTTLE_SECONDS + ":");
        assertThat(ROWS.get("ai-gateway:gateway.backendTimeoutSeconds")[2]).startsWith("1-" + OpenAiBackendPoolArgs.MAX_BACKEND_TIMEOUT_SECONDS + ":");
        assertThat(ROWS.get("ai-gateway:backends[]")[2]).isEqualTo("1-" + OpenAiBackendPoolArgs.MAX_BACKENDS + " entries");
        assertThat(ROWS.get("ai-gateway:backends[].priority")[2]).startsWith("1-" + BackendConfig.MAX_PRIORITY + ";");
        assertThat(ROWS.get("ai-gateway:backends[].weight")[2]).startsWith("1-" + BackendConfig.MAX_WEIGHT + ";");
        assertThat(ROWS.get("ai-gateway:backends[].deployments[].capacity")[2]).startsWith("1-" + DeploymentConfig.MAX_CAPACITY + " ");
        assertThat(ROWS.get("ai-gateway:tenants[].subscriptions")[2]).startsWith("1-" + TenantConfig.MAX_SUBSCRIPTIONS + " ");
        assertThat(ROWS.get("ai-gateway:tenants[].displayName")[2]).contains("≤ " + TenantConfig.MAX_DISPLAY_NAME + " characters");
        assertThat(ROWS.get("ai-gateway:gateway.publisherName")[2]).startsWith("1-" + AiGatewayArgs.MAX_PUBLISHER_NAME + " characters");
        assertThat(ROWS.get("ai-gateway:mcpTools[].rateLimit")[2]).contains("renewalPeriod 1-" + McpToolConfig.RateLimit.MAX_RENEWAL_PERIOD + " s");
    }
}
