package dev.aigateway.components;

import com.pulumi.resources.ResourceArgs;
import dev.aigateway.config.TenantConfig;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Inputs of {@link TenantQuota}. */
public final class TenantQuotaArgs extends ResourceArgs {
    private AiGateway gateway;
    private List<TenantConfig> tenants;
    private Map<String, com.pulumi.azurenative.apimanagement.Api> apis;

    private TenantQuotaArgs() {}

    public AiGateway gateway() { return gateway; }
    /** Structural: each tenant's limits, subscriptions and the ids of the APIs it may call. */
    public List<TenantConfig> tenants() { return tenants; }
    /** The gateway's APIs by API id; the tenant's product is linked to those it names. */
    public Map<String, com.pulumi.azurenative.apimanagement.Api> apis() { return apis; }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private final TenantQuotaArgs a = new TenantQuotaArgs();

        public Builder gateway(AiGateway v) { a.gateway = v; return this; }
        public Builder tenants(List<TenantConfig> v) { a.tenants = List.copyOf(v); return this; }
        public Builder apis(Map<String, com.pulumi.azurenative.apimanagement.Api> v) { a.apis = Map.copyOf(v); return this; }

        public TenantQuotaArgs build() {
            Objects.requireNonNull(a.gateway, "TenantQuotaArgs.gateway is required");
            Objects.requireNonNull(a.tenants, "TenantQuotaArgs.tenants is required");
            Objects.requireNonNull(a.apis, "TenantQuotaArgs.apis is required");
            java.util.Set<String> names = new java.util.HashSet<>();
            for (TenantConfig tenant : a.tenants) {
                if (!names.add(tenant.name())) {
                    throw new IllegalArgumentException("tenant " + tenant.name() + " is given twice");
                }
                for (String api : tenant.apis()) {
                    if (!a.apis.containsKey(api)) {
                        throw new IllegalArgumentException("tenant " + tenant.name() + " names API '" + api
                                + "', which is not among the APIs given: " + a.apis.keySet());
                    }
                }
            }
            return a;
        }
    }
}
