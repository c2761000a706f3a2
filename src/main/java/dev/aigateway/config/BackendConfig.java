package dev.aigateway.config;

import dev.aigateway.config.Enums.AccountKind;
import java.util.List;
import java.util.Optional;

/**
 * One entry of {@code ai-gateway:backends}: a regional account the gateway balances across.
 * Either a new account ({@code location}, {@code kind}, {@code deployments}) or an existing one
 * ({@code existingAccountId}).
 */
public record BackendConfig(
        String name,
        Optional<String> location,
        AccountKind kind,
        int priority,
        int weight,
        List<DeploymentConfig> deployments,
        Optional<String> existingAccountId) {

    public boolean isExisting() {
        return existingAccountId.isPresent();
    }

    /** APIM backend entity id for this account. */
    public String backendId() {
        return "openai-" + name;
    }

    /** The account's resource name, from an existing id's last segment. */
    public Optional<String> existingAccountName() {
        return existingAccountId.map(id -> id.substring(id.lastIndexOf('/') + 1));
    }

    /** The resource group named in an existing account id. */
    public Optional<String> existingResourceGroup() {
        return existingAccountId.map(id -> {
            String[] parts = id.split("/");
            for (int i = 0; i < parts.length - 1; i++) {
                if (parts[i].equalsIgnoreCase("resourceGroups")) {
                    return parts[i + 1];
                }
            }
            throw new IllegalStateException("validated id without resource group: " + id);
        });
    }
}
