package dev.aigateway.components;

import com.pulumi.azurenative.apimanagement.ApimanagementFunctions;
import com.pulumi.azurenative.apimanagement.Product;
import com.pulumi.azurenative.apimanagement.ProductApi;
import com.pulumi.azurenative.apimanagement.ProductApiArgs;
import com.pulumi.azurenative.apimanagement.ProductArgs;
import com.pulumi.azurenative.apimanagement.ProductPolicy;
import com.pulumi.azurenative.apimanagement.ProductPolicyArgs;
import com.pulumi.azurenative.apimanagement.Subscription;
import com.pulumi.azurenative.apimanagement.SubscriptionArgs;
import com.pulumi.azurenative.apimanagement.enums.ProductState;
import com.pulumi.azurenative.apimanagement.enums.SubscriptionState;
import com.pulumi.azurenative.apimanagement.inputs.ListSubscriptionSecretsArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;
import dev.aigateway.components.TenantConfig;
import dev.aigateway.lint.Scope;
import dev.aigateway.policy.PolicyDocument;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The gateway's tenants (seed Pattern 5). Each tenant gets a product with its token limit and
 * token metrics, linked to the APIs it may call, and its subscriptions. Per-tenant policy lives at
 * product scope, so API policies do not grow with the number of tenants. With one subscription and
 * one API a tenant is four resources: product, product policy, product-API link, subscription.
 * One component holds every tenant, so the component itself does not add a resource per tenant.
 */
public final class TenantQuota extends ComponentResource {
    public static final String TYPE = "ai-gateway:index:TenantQuota";
    static final String REMAINING_QUOTA_HEADER = "x-tenant-remaining-quota-tokens";

    /** Product id of each tenant, by tenant name. */
    public final Map<String, Output<String>> productIds;
    /** Subscription id to its primary key, across all tenants. Secret. */
    public final Output<Map<String, String>> subscriptionKeys;
    /** The rendered product policy of each tenant, by tenant name. */
    public final Map<String, String> policies;

    public TenantQuota(String name, TenantQuotaArgs args) {
        this(name, args, null);
    }

    public TenantQuota(String name, TenantQuotaArgs args, ComponentResourceOptions options) {
        super(TYPE, name, options);
        AiGateway gateway = args.gateway();

        // Every tenant's policy is checked before any resource is registered.
        Map<String, String> policies = new LinkedHashMap<>();
        for (TenantConfig tenant : args.tenants()) {
            policies.put(tenant.name(), PolicyDocument.render("tenant " + tenant.name() + " product policy",
                    "tenant-product.xml", Scope.PRODUCT, policyValues(tenant), gateway.fragments.values()));
        }
        this.policies = Map.copyOf(policies);

        CustomResourceOptions child = CustomResourceOptions.builder().parent(this).build();
        CustomResourceOptions afterFragments = CustomResourceOptions.builder().parent(this)
                .dependsOn(new ArrayList<Resource>(gateway.fragmentResources)).build();
        Map<String, Output<String>> productIds = new LinkedHashMap<>();
        List<String> sids = new ArrayList<>();
        List<Output<String>> keys = new ArrayList<>();
        for (TenantConfig tenant : args.tenants()) {
            String prefix = name + "-" + tenant.name();
            Product product = new Product(prefix, ProductArgs.builder()
                    .resourceGroupName(gateway.resourceGroupName)
                    .serviceName(gateway.serviceName)
                    .productId(tenant.name())
                    .displayName(tenant.displayName())
                    .description(description(tenant))
                    .terms(terms(tenant))
                    .subscriptionRequired(true)
                    // Subscriptions are issued here; requests from the developer portal need approval.
                    .approvalRequired(true)
                    .state(ProductState.Published)
                    .build(), child);
            productIds.put(tenant.name(), product.name());

            new ProductPolicy(prefix + "-policy", ProductPolicyArgs.builder()
                    .resourceGroupName(gateway.resourceGroupName)
                    .serviceName(gateway.serviceName)
                    .productId(product.name())
                    .policyId("policy")
                    .format("rawxml")
                    .value(policies.get(tenant.name()))
                    .build(), afterFragments);

            for (String api : tenant.apis()) {
                new ProductApi(prefix + "-" + api, ProductApiArgs.builder()
                        .resourceGroupName(gateway.resourceGroupName)
                        .serviceName(gateway.serviceName)
                        .productId(product.name())
                        .apiId(args.apis().get(api))
                        .build(), child);
            }

            for (String sub : tenant.subscriptions()) {
                String sid = tenant.subscriptionId(sub);
                Subscription subscription = new Subscription(prefix + "-" + sub, SubscriptionArgs.builder()
                        .resourceGroupName(gateway.resourceGroupName)
                        .serviceName(gateway.serviceName)
                        .sid(sid)
                        .displayName(tenant.displayName() + " / " + sub)
                        // Scoped to the tenant's product, never to all APIs.
                        .scope(product.name().applyValue(p -> "/products/" + p))
                        .state(SubscriptionState.Active)
                        .allowTracing(false)
                        .build(), child);
                sids.add(sid);
                keys.add(ApimanagementFunctions.listSubscriptionSecrets(ListSubscriptionSecretsArgs.builder()
                                .resourceGroupName(gateway.resourceGroupName)
                                .serviceName(gateway.serviceName)
                                .sid(subscription.name())
                                .build())
                        .applyValue(s -> s.primaryKey().orElseThrow(() -> new IllegalStateException("no key for " + sid))));
            }
        }
        this.productIds = Map.copyOf(productIds);
        this.subscriptionKeys = Output.all(keys)
                .applyValue(values -> {
                    Map<String, String> out = new LinkedHashMap<>();
                    for (int i = 0; i < sids.size(); i++) {
                        out.put(sids.get(i), values.get(i));
                    }
                    return out;
                })
                .asSecret();
        registerOutputs(Map.of("subscriptionKeys", subscriptionKeys));
    }

    private static String description(TenantConfig tenant) {
        return "AI gateway tenant " + tenant.name() + ": " + tenant.tokensPerMinute() + " tokens per minute"
                + tenant.tokenQuota().map(q -> ", " + q + " tokens "
                        + tenant.tokenQuotaPeriod().orElseThrow().name().toLowerCase(Locale.ROOT)).orElse("");
    }

    /** What a subscriber agrees to, shown when a subscription is requested in the developer portal. */
    static String terms(TenantConfig tenant) {
        return "Requests through this product count against the tenant's limit of " + tenant.tokensPerMinute() + " tokens per minute"
                + tenant.tokenQuota().map(q -> " and " + q + " tokens per " + switch (tenant.tokenQuotaPeriod().orElseThrow()) {
                    case Hourly -> "hour";
                    case Daily -> "day";
                    case Weekly -> "week";
                    case Monthly -> "month";
                    case Yearly -> "year";
                }).orElse("")
                + (tenant.deployments().isEmpty() ? "" : ", for the deployments " + String.join(", ", tenant.deployments()))
                + ". Token counts and request metadata are logged for chargeback; prompts and completions are not.";
    }

    static Map<String, Object> policyValues(TenantConfig tenant) {
        Map<String, Object> values = new HashMap<>();
        values.put("counterKey", "tenant:" + tenant.name());
        values.put("modelApiId", OpenAiBackendPool.API_ID);
        values.put("promptSafety", tenant.promptSafety() ? "on" : "off");
        values.put("tokensPerMinute", tenant.tokensPerMinute());
        values.put("tenant", tenant.name());
        values.put("metricsFragment", AiGateway.METRICS_FRAGMENT);
        values.put("deployments", tenant.deployments().isEmpty() ? "*" : "|" + String.join("|", tenant.deployments()) + "|");
        tenant.tokenQuota().ifPresent(q -> {
            values.put("tokenQuota", q);
            values.put("tokenQuotaPeriod", tenant.tokenQuotaPeriod().orElseThrow().name());
            values.put("remainingQuotaHeader", REMAINING_QUOTA_HEADER);
        });
        return values;
    }
}
