package dev.aigateway.config;

import dev.aigateway.config.Enums.QuotaPeriod;
import java.util.List;
import java.util.Optional;

/**
 * One entry of {@code ai-gateway:tenants}: a team or customer with its own product, subscriptions
 * and token limits.
 *
 * @param name            the APIM product id, and the tenant's name in metrics
 * @param subscriptions   one APIM subscription per entry (for example one per application)
 * @param apis            the APIs the tenant may call, by API id
 */
public record TenantConfig(
        String name,
        String displayName,
        int tokensPerMinute,
        Optional<Long> tokenQuota,
        Optional<QuotaPeriod> tokenQuotaPeriod,
        List<String> subscriptions,
        List<String> apis) {

    /** The APIM subscription id of one of this tenant's subscriptions. */
    public String subscriptionId(String subscription) {
        return name + "-" + subscription;
    }
}
