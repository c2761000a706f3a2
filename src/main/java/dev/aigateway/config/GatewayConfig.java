package dev.aigateway.config;

import dev.aigateway.components.BackendConfig;
import dev.aigateway.components.Check;
import dev.aigateway.components.InvalidInputException;
import dev.aigateway.components.McpToolConfig;
import dev.aigateway.components.OpenAiBackendPool;
import dev.aigateway.components.OpenAiBackendPoolArgs;
import dev.aigateway.components.TenantConfig;
import dev.aigateway.components.TenantQuotaArgs;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The whole typed stack configuration, the input of the stack program. It checks itself when
 * constructed, with the components' own rules, so an invalid stack never reaches the engine. Built
 * by one parser ({@link ConfigParser}) from either the Pulumi engine's config (real runs) or a
 * {@code Pulumi.<stack>.yaml} file (offline plan).
 *
 * @param location the region of the resource group, the gateway and its telemetry
 */
public record GatewayConfig(String stack, String location, GatewaySettings gateway, List<BackendConfig> backends,
        List<TenantConfig> tenants, List<McpToolConfig> mcpTools, java.util.Optional<dev.aigateway.components.PromptSafetyConfig> promptSafety) {

    /** A stack without prompt screening. */
    public GatewayConfig(String stack, String location, GatewaySettings gateway, List<BackendConfig> backends,
            List<TenantConfig> tenants, List<McpToolConfig> mcpTools) {
        this(stack, location, gateway, backends, tenants, mcpTools, java.util.Optional.empty());
    }

    private static final Pattern STACK_NAME = Pattern.compile("^[a-z0-9][a-z0-9-]{0,19}$");

    /**
     * Throws {@link InvalidInputException} for the first value that breaks its rule, in the order
     * stack, location, gateway, backends, mcpTools, tenants; keys are as in the stack file
     * ({@code gateway.sku}, {@code backends[1].weight}, ...).
     */
    public GatewayConfig {
        checkStack(stack);
        Check.region("location", location);
        Check.required("gateway", gateway).check(location);
        OpenAiBackendPoolArgs.checkBackends(backends);
        McpToolConfig.checkAll("mcpTools", mcpTools);
        TenantQuotaArgs.checkTenants(tenants, apiIds(mcpTools), OpenAiBackendPool.deploymentsOf(backends));
        Check.required("promptSafety", promptSafety).ifPresent(p -> {
            try {
                p.check();
            } catch (InvalidInputException e) {
                throw e.under("promptSafety");
            }
        });
        backends = List.copyOf(backends);
        tenants = List.copyOf(tenants);
        mcpTools = List.copyOf(mcpTools);
    }

    /** Stack names become part of resource names. */
    public static void checkStack(String stack) {
        Check.matches("stack", stack, STACK_NAME, "must be 1-20 lowercase letters, digits or '-', starting with a letter or digit");
    }

    /** The ids of the gateway's APIs, which tenants may name: the Azure OpenAI API and the tool APIs. */
    static Set<String> apiIds(List<McpToolConfig> tools) {
        Set<String> ids = new LinkedHashSet<>();
        ids.add(OpenAiBackendPool.API_ID);
        Check.required("mcpTools", tools).forEach(t -> ids.add(t.name()));
        return ids;
    }

    /** Offline: parse a stack file; the stack name comes from {@code Pulumi.<stack>.yaml}. */
    public static GatewayConfig fromStackFile(Path file) throws IOException {
        return ConfigParser.fromStackFile(file);
    }
}
