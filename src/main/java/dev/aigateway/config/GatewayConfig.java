package dev.aigateway.config;

import com.pulumi.Config;
import com.pulumi.Context;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The whole typed stack configuration. Built by one parser ({@link ConfigParser}) from either the
 * Pulumi engine's config (real runs) or a {@code Pulumi.<stack>.yaml} file (offline plan).
 */
public record GatewayConfig(String stack, String location, GatewaySettings gateway, List<BackendConfig> backends,
        List<TenantConfig> tenants, List<McpToolConfig> mcpTools) {

    /** Real runs: the engine hands structured values over as JSON text. */
    public static GatewayConfig from(Context ctx) {
        Config own = ctx.config(ConfigParser.NAMESPACE);
        Config azure = ctx.config("azure-native");
        return ConfigParser.fromEngine(ctx.stackName(), own::get, azure.get("location"));
    }

    /** Offline: parse a stack file; the stack name comes from {@code Pulumi.<stack>.yaml}. */
    public static GatewayConfig fromStackFile(Path file) throws IOException {
        return ConfigParser.fromStackFile(file);
    }
}
