package dev.aigateway.components;

import dev.aigateway.components.Enums.AccountKind;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One regional account the gateway balances across: either a new account ({@code location},
 * {@code kind}, the {@code deployments} created on it) or an existing one ({@code existingAccountId},
 * with the names of the deployments it serves in {@code existingDeployments}; nothing is created on it).
 *
 * @param name     unique among backends; the APIM backend is {@code openai-<name>}
 * @param priority 1 is preferred; higher numbers are fallbacks (a deployment may set its own)
 * @param weight   the share within one priority (a deployment may set its own)
 */
public record BackendConfig(
        String name,
        Optional<String> location,
        AccountKind kind,
        int priority,
        int weight,
        List<DeploymentConfig> deployments,
        Optional<String> existingAccountId,
        List<String> existingDeployments) {

    /** A new account, or an existing one declaring no deployments (which the check refuses). */
    public BackendConfig(String name, Optional<String> location, AccountKind kind, int priority, int weight,
            List<DeploymentConfig> deployments, Optional<String> existingAccountId) {
        this(name, location, kind, priority, weight, deployments, existingAccountId, List.of());
    }

    /** An existing account that serves the named deployments. */
    public static BackendConfig existing(String name, String accountId, int priority, int weight, List<String> deployments) {
        return new BackendConfig(name, Optional.empty(), DEFAULT_KIND, priority, weight, List.of(), Optional.of(accountId), deployments);
    }

    /** One deployment a backend serves, with the priority and weight it is routed with. */
    public record Route(String deployment, int priority, int weight) {}

    /** The deployments this backend serves, each with its priority and weight. */
    public List<Route> routes() {
        if (isExisting()) {
            return existingDeployments.stream().map(d -> new Route(d, priority, weight)).toList();
        }
        return deployments.stream().map(d -> new Route(d.name(), d.priority().orElse(priority), d.weight().orElse(weight))).toList();
    }

    public static final AccountKind DEFAULT_KIND = AccountKind.OpenAI;
    public static final int DEFAULT_PRIORITY = 1;
    public static final int DEFAULT_WEIGHT = 100;
    public static final int MAX_PRIORITY = 100;
    public static final int MAX_WEIGHT = 1000;
    /** The rule an existing account's own settings break. */
    public static final String NOT_WITH_EXISTING = "is not allowed with existingAccountId: an existing account is used as it is";

    static final Pattern NAME = Pattern.compile("^[a-z0-9](?:[a-z0-9-]{0,30}[a-z0-9])?$");
    private static final Pattern ACCOUNT_ID = Pattern.compile(
            "^/subscriptions/[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"
                    + "/resourceGroups/(?<group>[^/]+)/providers/Microsoft\\.CognitiveServices/accounts/(?<account>[^/]+)$",
            Pattern.CASE_INSENSITIVE);
    /** Cognitive Services account names: 2-64 letters, digits or '-', starting and ending with a letter or digit. */
    private static final Pattern ACCOUNT_NAME = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9-]{0,62}[A-Za-z0-9]$");

    /** An existing account's id: its shape, then its resource group and account name by Azure's naming rules. */
    private static void checkAccountId(String id) {
        java.util.regex.Matcher m = ACCOUNT_ID.matcher(Check.text("existingAccountId", id));
        if (!m.matches()) {
            throw new InvalidInputException("existingAccountId",
                    "must be a resource id /subscriptions/<guid>/resourceGroups/<rg>/providers/Microsoft.CognitiveServices/accounts/<name>", id);
        }
        if (!Check.RESOURCE_GROUP.matcher(m.group("group")).matches()) {
            throw new InvalidInputException("existingAccountId", "must name a valid resource group (\"" + m.group("group") + "\" is not): "
                    + Check.RESOURCE_GROUP_RULE, id);
        }
        if (!ACCOUNT_NAME.matcher(m.group("account")).matches()) {
            throw new InvalidInputException("existingAccountId", "must name a valid account (\"" + m.group("account") + "\" is not): 2-64 letters, "
                    + "digits or '-', starting and ending with a letter or digit", id);
        }
    }

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

    /** Throws {@link InvalidInputException} for the first field that breaks its rule; keys are relative to this backend. */
    public void check() {
        Check.matches("name", name, NAME, "must be 1-32 lowercase letters, digits or '-', not starting or ending with '-'");
        Check.range("priority", priority, 1, MAX_PRIORITY);
        Check.range("weight", weight, 1, MAX_WEIGHT);
        Check.required("location", location);
        Check.required("deployments", deployments);
        Check.required("existingAccountId", existingAccountId);
        Check.required("existingDeployments", existingDeployments);
        if (existingAccountId.isPresent()) {
            checkAccountId(existingAccountId.get());
            if (!deployments.isEmpty()) {
                throw new InvalidInputException("deployments", NOT_WITH_EXISTING
                        + "; list the names of the deployments it serves", deployments);
            }
            if (location.isPresent()) {
                throw new InvalidInputException("location", NOT_WITH_EXISTING, location);
            }
            // Requests for other deployments never go to an existing account, so it must say what it serves.
            if (existingDeployments.isEmpty()) {
                throw new InvalidInputException("deployments", "is required for an existing account: the names of the deployments it serves",
                        existingDeployments);
            }
            Check.each("deployments", existingDeployments, d -> Check.matches("", d, DeploymentConfig.NAME,
                    "must be a deployment name: 1-64 letters, digits, '_', '.' or '-'"));
            Check.unique("deployments", existingDeployments, null, "must be unique within the backend");
            return;
        }
        if (!existingDeployments.isEmpty()) {
            throw new InvalidInputException("existingDeployments", "is only for an existing account (existingAccountId)", existingDeployments);
        }
        Check.region("location", location.orElse(null));
        Check.required("kind", kind);
        Check.size("deployments", deployments, 1, Integer.MAX_VALUE);
        Check.each("deployments", deployments, DeploymentConfig::check);
        Check.unique("deployments", deployments.stream().map(DeploymentConfig::name).toList(), "name", "must be unique within the backend");
    }
}
