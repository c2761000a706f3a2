package dev.aigateway.components;

import static dev.aigateway.testing.PlanQuery.input;
import static dev.aigateway.testing.PlanQuery.string;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aigateway.components.BackendConfig;
import dev.aigateway.components.DeploymentConfig;
import dev.aigateway.components.Enums.AccountKind;
import dev.aigateway.components.Enums.DeploymentSku;
import dev.aigateway.components.Enums.QuotaPeriod;
import dev.aigateway.components.TenantConfig;
import dev.aigateway.plan.Plan;
import dev.aigateway.plan.Plan.PlannedResource;
import dev.aigateway.plan.PlanJson;
import dev.aigateway.plan.PlanRunner;
import dev.aigateway.testing.PlanQuery;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** TenantQuota under the mock engine, with the gateway and pool it attaches to. */
class TenantQuotaTest {
    private static final String PRODUCT = "azure-native:apimanagement:Product";
    private static final String PRODUCT_POLICY = "azure-native:apimanagement:ProductPolicy";
    private static final String PRODUCT_API = "azure-native:apimanagement:ProductApi";
    private static final String SUBSCRIPTION = "azure-native:apimanagement:Subscription";

    private static final TenantConfig CONTOSO = new TenantConfig("contoso", "Contoso", 10_000, Optional.of(5_000_000L),
            Optional.of(QuotaPeriod.Monthly), List.of("web", "batch"), List.of("azure-openai"));
    private static final TenantConfig FABRIKAM = new TenantConfig("fabrikam", "Fabrikam", 2_000, Optional.empty(),
            Optional.empty(), List.of("default"), List.of("azure-openai"));

    private static TenantConfig plain(String name) {
        return new TenantConfig(name, name, 1_000, Optional.empty(), Optional.empty(), List.of("default"), List.of("azure-openai"));
    }

    private static Plan plan(List<TenantConfig> tenants) {
        return PlanRunner.run("test", ctx -> {
            AiGateway gateway = new AiGateway("gw", AiGatewayArgs.builder()
                    .resourceGroupName("rg-test").location("swedencentral").serviceName("aigw-test-abc123")
                    .publisherEmail("platform@example.com").publisherName("Example Platform").build());
            List<DeploymentConfig> models = List.of(new DeploymentConfig("gpt-4o", "gpt-4o", "2024-11-20",
                    DeploymentSku.GlobalStandard, 10));
            OpenAiBackendPool pool = new OpenAiBackendPool("openai", OpenAiBackendPoolArgs.builder()
                    .gateway(gateway)
                    .backends(List.of(new BackendConfig("sweden", Optional.of("swedencentral"), AccountKind.OpenAI, 1, 100,
                            models, Optional.empty())))
                    .nameSuffix("abc123")
                    .requireTenant(!tenants.isEmpty())
                    .openAiSpecUrl("https://example.com/inference.json")
                    .build());
            if (!tenants.isEmpty()) {
                TenantQuota quota = new TenantQuota("tenants", TenantQuotaArgs.builder()
                        .gateway(gateway).tenants(tenants).apis(Map.of("azure-openai", pool.api)).build());
                ctx.export("keys", quota.subscriptionKeys);
            }
        });
    }

    @Test
    void eachTenantGetsAProductLinkedToItsApisWithItsSubscriptions() {
        PlanQuery q = new PlanQuery(plan(List.of(CONTOSO, FABRIKAM)));
        PlannedResource component = q.get(TenantQuota.TYPE, "tenants");
        PlannedResource product = q.get(PRODUCT, "tenants-contoso");
        assertThat(product.parent()).isEqualTo(component.urn());
        assertThat(string(product, "productId")).isEqualTo("contoso");
        assertThat(input(product, "subscriptionRequired")).isEqualTo(true);
        assertThat(string(product, "state")).isEqualTo("published");

        PlannedResource link = q.get(PRODUCT_API, "tenants-contoso-azure-openai");
        assertThat(string(link, "productId")).isEqualTo("contoso");
        assertThat(string(link, "apiId")).isEqualTo("azure-openai");

        assertThat(q.ofType(SUBSCRIPTION)).extracting(r -> string(r, "sid"))
                .containsExactlyInAnyOrder("contoso-web", "contoso-batch", "fabrikam-default");
        assertThat(q.ofType(SUBSCRIPTION)).allSatisfy(s -> {
            assertThat(string(s, "scope")).startsWith("/products/");
            assertThat(string(s, "state")).isEqualTo("active");
            assertThat(input(s, "allowTracing")).isEqualTo(false);
        });
        assertThat(string(q.get(SUBSCRIPTION, "tenants-contoso-web"), "scope")).isEqualTo("/products/contoso");
    }

    @Test
    void productPolicyCarriesTheTenantsLimitWithOneCounterPerTenant() {
        PlanQuery q = new PlanQuery(plan(List.of(CONTOSO, FABRIKAM)));
        PlannedResource policy = q.get(PRODUCT_POLICY, "tenants-contoso-policy");
        assertThat(string(policy, "format")).isEqualTo("rawxml");
        assertThat(string(policy, "productId")).isEqualTo("contoso");
        String contoso = string(policy, "value");
        assertThat(contoso).contains("counter-key=\"tenant:contoso\"", "tokens-per-minute=\"10000\"",
                "token-quota=\"5000000\"", "token-quota-period=\"Monthly\"", "estimate-prompt-tokens=\"true\"",
                "remaining-tokens-header-name=\"x-tenant-remaining-tokens\"",
                "remaining-quota-tokens-header-name=\"x-tenant-remaining-quota-tokens\"",
                "tokens-consumed-header-name=\"x-tenant-tokens-consumed\"",
                "<include-fragment fragment-id=\"aigw-token-metrics\" />");
        String fabrikam = string(q.get(PRODUCT_POLICY, "tenants-fabrikam-policy"), "value");
        assertThat(fabrikam).contains("counter-key=\"tenant:fabrikam\"", "tokens-per-minute=\"2000\"")
                .doesNotContain("token-quota", "remaining-quota-tokens-header-name");
        // The policy waits for the fragment it includes.
        assertThat(policy.dependsOn()).contains(q.get("azure-native:resources:Deployment", "gw-aigw-token-metrics").urn());
    }

    @Test
    void tokenMetricsHaveTheChargebackDimensionsWithinTheLimit() {
        PlanQuery q = new PlanQuery(plan(List.of(CONTOSO)));
        String metrics = FragmentDeployments.fragmentsOf(q.get("azure-native:resources:Deployment", "gw-aigw-token-metrics")
                .inputs()).get(AiGateway.METRICS_FRAGMENT);
        assertThat(metrics).contains("<azure-openai-emit-token-metric namespace=\"ai-gateway\">");
        List<String> dimensions = new ArrayList<>();
        Matcher m = Pattern.compile("<dimension name=\"([^\"]+)\"").matcher(metrics);
        while (m.find()) {
            dimensions.add(m.group(1));
        }
        // APIM adds its own default dimensions; Azure Monitor allows ten per metric.
        assertThat(dimensions).containsExactly("Tenant", "API", "Subscription", "Model");
    }

    /** No double counting: one token limit and one metric emission apply to any request. */
    @Test
    void eachRequestMeetsExactlyOneTokenLimitAndOneMetric() {
        Plan plan = plan(List.of(CONTOSO, FABRIKAM));
        PlanQuery q = new PlanQuery(plan);
        String api = string(q.get("azure-native:apimanagement:ApiPolicy", "openai-api-policy"), "value");
        StringBuilder apiPath = new StringBuilder(api);
        for (PlannedResource d : q.ofType("azure-native:resources:Deployment")) {
            FragmentDeployments.fragmentsOf(d.inputs()).forEach((id, xml) -> {
                if (api.contains("fragment-id=\"" + id + "\"")) {
                    apiPath.append(xml);
                }
            });
        }
        assertThat(count(apiPath.toString(), "<azure-openai-token-limit")).isZero();
        assertThat(count(apiPath.toString(), "emit-token-metric")).isZero();
        for (PlannedResource p : q.ofType(PRODUCT_POLICY)) {
            String xml = string(p, "value");
            assertThat(count(xml, "<azure-openai-token-limit")).isEqualTo(1);
            assertThat(count(xml, "fragment-id=\"aigw-token-metrics\"")).isEqualTo(1);
        }
    }

    /** No request silently unlimited: the API refuses requests that passed no tenant product. */
    @Test
    void requestsOutsideTenantProductsAreRefused() {
        PlanQuery q = new PlanQuery(plan(List.of(CONTOSO)));
        String request = FragmentDeployments.fragmentsOf(q.get("azure-native:resources:Deployment",
                "openai-aigw-openai-request").inputs()).get(OpenAiBackendPool.REQUEST_FRAGMENT);
        assertThat(request).contains("@(true && !context.Variables.ContainsKey(\"aigw-tenant\"))")
                .contains("<set-status code=\"403\" reason=\"Forbidden\" />");
        for (PlannedResource p : q.ofType(PRODUCT_POLICY)) {
            assertThat(string(p, "value")).contains("<set-variable name=\"aigw-tenant\"");
        }
    }

    @Test
    void subscriptionKeysAreSecretAndNeverInThePlan() {
        Plan plan = plan(List.of(CONTOSO, FABRIKAM));
        assertThat(plan.outputs()).containsEntry("keys", "[secret]");
        String json = PlanJson.write(plan);
        for (String sid : List.of("contoso-web", "contoso-batch", "fabrikam-default")) {
            assertThat(json).doesNotContain(dev.aigateway.plan.PlanMocksAccess.key(sid));
        }
    }

    @Test
    void fourResourcesPerTenantAndTheApiPolicyDoesNotGrow() {
        Plan none = plan(List.of());
        Plan one = plan(List.of(plain("t1")));
        List<TenantConfig> fifty = IntStream.rangeClosed(1, 50).mapToObj(i -> plain("t" + i)).toList();
        Plan many = plan(fifty);
        int perTenant = (many.resources().size() - one.resources().size()) / 49;
        assertThat(perTenant).isEqualTo(4);
        assertThat(many.resources().size() - none.resources().size()).isEqualTo(50 * 4 + 1); // + the component
        String apiOne = string(new PlanQuery(one).get("azure-native:apimanagement:ApiPolicy", "openai-api-policy"), "value");
        String apiMany = string(new PlanQuery(many).get("azure-native:apimanagement:ApiPolicy", "openai-api-policy"), "value");
        assertThat(apiMany).isEqualTo(apiOne);
        assertThat(many.lint().largestBytes()).isEqualTo(one.lint().largestBytes());
    }

    private static int count(String s, String needle) {
        int n = 0;
        for (int i = s.indexOf(needle); i >= 0; i = s.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }
}
