package dev.aigateway.components;

import dev.aigateway.components.Enums.QuotaPeriod;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A team or customer of the gateway, with its own product, subscriptions and token limits.
 *
 * @param name            the APIM product id, and the tenant's name in metrics
 * @param displayName     the product's display name
 * @param tokensPerMinute shared by all of the tenant's subscriptions
 * @param tokenQuota      tokens per {@code tokenQuotaPeriod}, when given
 * @param subscriptions   one APIM subscription per entry (for example one per application)
 * @param apis            the APIs the tenant may call, by API id
 * @param deployments     the model deployments the tenant may call; empty for all
 * @param promptSafety    whether the tenant's prompts are screened when the stack screens prompts
 *                        ({@code ai-gateway:promptSafety}); false opts the tenant out
 */
public record TenantConfig(
        String name,
        String displayName,
        int tokensPerMinute,
        Optional<Long> tokenQuota,
        Optional<QuotaPeriod> tokenQuotaPeriod,
        List<String> subscriptions,
        List<String> apis,
        List<String> deployments,
        boolean promptSafety) {

    public static final boolean DEFAULT_PROMPT_SAFETY = true;

    /** A tenant whose prompts are screened whenever the stack screens prompts. */
    public TenantConfig(String name, String displayName, int tokensPerMinute, Optional<Long> tokenQuota,
            Optional<QuotaPeriod> tokenQuotaPeriod, List<String> subscriptions, List<String> apis, List<String> deployments) {
        this(name, displayName, tokensPerMinute, tokenQuota, tokenQuotaPeriod, subscriptions, apis, deployments, DEFAULT_PROMPT_SAFETY);
    }

    /** A tenant that may call every deployment. */
    public TenantConfig(String name, String displayName, int tokensPerMinute, Optional<Long> tokenQuota,
            Optional<QuotaPeriod> tokenQuotaPeriod, List<String> subscriptions, List<String> apis) {
        this(name, displayName, tokensPerMinute, tokenQuota, tokenQuotaPeriod, subscriptions, apis, List.of());
    }

    public static final List<String> DEFAULT_SUBSCRIPTIONS = List.of("default");
    public static final List<String> DEFAULT_APIS = List.of(OpenAiBackendPool.API_ID);
    public static final int MAX_SUBSCRIPTIONS = 10;
    public static final int MAX_DISPLAY_NAME = 100;

    private static final Pattern NAME = Pattern.compile("^[a-z0-9](?:[a-z0-9-]{0,46}[a-z0-9])?$");
    private static final Pattern SUBSCRIPTION = Pattern.compile("^[a-z0-9](?:[a-z0-9-]{0,30}[a-z0-9])?$");
    /** The sample products APIM used to create; the security baseline says never to create them. */
    private static final Set<String> SAMPLE_PRODUCTS = Set.of("starter", "unlimited");

    /** A tenant with the defaults: display name = name, one subscription "default", the Azure OpenAI API, no quota. */
    public static TenantConfig of(String name, int tokensPerMinute) {
        return new TenantConfig(name, name, tokensPerMinute, Optional.empty(), Optional.empty(), DEFAULT_SUBSCRIPTIONS, DEFAULT_APIS, List.of());
    }

    /** The APIM subscription id of one of this tenant's subscriptions. */
    public String subscriptionId(String subscription) {
        return name + "-" + subscription;
    }

    /** Throws {@link InvalidInputException} for the first field that breaks its rule; keys are relative to this tenant. */
    public void check() {
        Check.matches("name", name, NAME,
                "must be a valid APIM product id: 1-48 lowercase letters, digits or '-', not starting or ending with '-'");
        if (SAMPLE_PRODUCTS.contains(name)) {
            throw new InvalidInputException("name", "must not be the name of an APIM sample product (starter, unlimited)", name);
        }
        Check.maxLength("displayName", displayName, MAX_DISPLAY_NAME);
        Check.range("tokensPerMinute", tokensPerMinute, 1, Integer.MAX_VALUE);
        Check.required("tokenQuota", tokenQuota);
        Check.required("tokenQuotaPeriod", tokenQuotaPeriod);
        if (tokenQuota.isPresent()) {
            Check.range("tokenQuota", tokenQuota.get(), 1, Long.MAX_VALUE);
            if (tokenQuotaPeriod.isEmpty()) {
                throw new InvalidInputException("tokenQuotaPeriod",
                        "is required with tokenQuota: one of " + String.join(", ", Enums.names(QuotaPeriod.class)), null);
            }
            if (tokenQuota.get() < tokensPerMinute) {
                throw new InvalidInputException("tokenQuota", "must be at least tokensPerMinute (" + tokensPerMinute
                        + "): a quota below one minute's limit leaves the limit meaningless", tokenQuota.get());
            }
        } else if (tokenQuotaPeriod.isPresent()) {
            throw new InvalidInputException("tokenQuota", "is required with tokenQuotaPeriod", null);
        }
        Check.size("subscriptions", subscriptions, 1, MAX_SUBSCRIPTIONS);
        Check.each("subscriptions", subscriptions, s -> Check.matches("", s, SUBSCRIPTION,
                "must be 1-32 lowercase letters, digits or '-', not starting or ending with '-'"));
        Check.unique("subscriptions", subscriptions, null, "must be unique within the tenant");
        Check.size("apis", apis, 1, Integer.MAX_VALUE);
        Check.unique("apis", apis, null, "must be unique within the tenant");
        Check.required("deployments", deployments);
        Check.each("deployments", deployments, d -> Check.matches("", d, DeploymentConfig.NAME,
                "must be a deployment name: 1-64 letters, digits, '_', '.' or '-'"));
        Check.unique("deployments", deployments, null, "must be unique within the tenant");
    }

    /** Whether the tenant may call {@code deployment}. */
    public boolean mayCall(String deployment) {
        return deployments.isEmpty() || deployments.contains(deployment);
    }
}
