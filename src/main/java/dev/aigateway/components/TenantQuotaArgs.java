package dev.aigateway.components;

import com.pulumi.azurenative.apimanagement.Api;
import com.pulumi.core.Output;
import com.pulumi.resources.ResourceArgs;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** Inputs of {@link TenantQuota}. The builder checks the tenants when it is built. */
public final class TenantQuotaArgs extends ResourceArgs {
    private AiGateway gateway;
    private List<TenantConfig> tenants;
    private Map<String, Output<String>> apis;
    private List<String> deployments;

    private TenantQuotaArgs() {}

    public AiGateway gateway() { return gateway; }
    /** Structural: each tenant's limits, subscriptions and the ids of the APIs it may call. */
    public List<TenantConfig> tenants() { return tenants; }
    /**
     * The gateway's APIs by the name tenants use, each with the APIM API id its product is linked
     * to once that API exists (for a tool API: its MCP server).
     */
    public Map<String, Output<String>> apis() { return apis; }
    /** The deployments the gateway serves ({@link OpenAiBackendPool#deployments}); needed when a tenant names some. */
    public List<String> deployments() { return deployments; }

    public static Builder builder() {
        return new Builder();
    }

    /** The tenants of one gateway: each valid, unique names, and only APIs among {@code apiIds}. Keys are {@code tenants[i].<field>}. */
    public static void checkTenants(List<TenantConfig> tenants, Collection<String> apiIds, Collection<String> served) {
        Check.required("tenants", tenants);
        Check.each("tenants", tenants, TenantConfig::check);
        Check.unique("tenants", tenants.stream().map(TenantConfig::name).toList(), "name", "must be unique among tenants");
        checkSubscriptionIds(tenants);
        for (int i = 0; i < tenants.size(); i++) {
            List<String> apis = tenants.get(i).apis();
            for (int j = 0; j < apis.size(); j++) {
                if (!apiIds.contains(apis.get(j))) {
                    throw new InvalidInputException("tenants[" + i + "].apis[" + j + "]", "must name an API of this gateway: "
                            + String.join(", ", new TreeSet<>(apiIds)), apis.get(j));
                }
            }
            checkDeployments(i, tenants.get(i).deployments(), served);
        }
    }

    /** Subscription ids are {@code <tenant>-<subscription>}: tenants a-b + c and a + b-c would both make a-b-c. */
    private static void checkSubscriptionIds(List<TenantConfig> tenants) {
        java.util.Map<String, String> made = new java.util.HashMap<>();
        for (int i = 0; i < tenants.size(); i++) {
            List<String> subscriptions = tenants.get(i).subscriptions();
            for (int j = 0; j < subscriptions.size(); j++) {
                String id = tenants.get(i).subscriptionId(subscriptions.get(j));
                String here = "tenants[" + i + "].subscriptions[" + j + "]";
                String earlier = made.putIfAbsent(id, here);
                if (earlier != null) {
                    throw new InvalidInputException(here, "makes the subscription id \"" + id + "\" (<tenant>-<subscription>), as "
                            + earlier + " does: rename one", subscriptions.get(j)).mentioning(earlier);
                }
            }
        }
    }

    /** A tenant limited to some deployments names only deployments a backend serves. */
    private static void checkDeployments(int tenant, List<String> deployments, Collection<String> served) {
        if (deployments.isEmpty()) {
            return;
        }
        if (served == null) {
            throw new InvalidInputException("deployments", "is required when a tenant names deployments: pass the pool's deployments", null);
        }
        for (int j = 0; j < deployments.size(); j++) {
            if (!served.contains(deployments.get(j))) {
                throw new InvalidInputException("tenants[" + tenant + "].deployments[" + j + "]", "must name a deployment a backend serves: "
                        + String.join(", ", new TreeSet<>(served)), deployments.get(j));
            }
        }
    }

    public static final class Builder {
        private final TenantQuotaArgs a = new TenantQuotaArgs();

        public Builder gateway(AiGateway v) { a.gateway = v; return this; }
        public Builder tenants(List<TenantConfig> v) { a.tenants = List.copyOf(v); return this; }
        /** The APIs by the name tenants use, each linked under its own id. */
        public Builder apis(Map<String, Api> v) {
            Map<String, Output<String>> ids = new java.util.LinkedHashMap<>();
            v.forEach((k, api) -> ids.put(k, api.name()));
            return apiIds(ids);
        }
        /** The names tenants use, each with the API id to link (which may resolve once the API exists, as a tool API's MCP server does). */
        public Builder apiIds(Map<String, Output<String>> v) { a.apis = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(v)); return this; }
        public Builder deployments(List<String> v) { a.deployments = List.copyOf(v); return this; }

        /** Throws {@link InvalidInputException} (an IllegalArgumentException) for the first tenant value that breaks its rule. */
        public TenantQuotaArgs build() {
            Check.required("apis", a.apis);
            checkTenants(a.tenants, a.apis.keySet(), a.deployments);
            Check.required("gateway", a.gateway);
            return a;
        }
    }
}
