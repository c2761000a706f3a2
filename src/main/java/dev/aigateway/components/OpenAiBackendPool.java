package dev.aigateway.components;

import com.pulumi.azurenative.apimanagement.Api;
import com.pulumi.azurenative.apimanagement.ApiArgs;
import com.pulumi.azurenative.apimanagement.ApiOperation;
import com.pulumi.azurenative.apimanagement.ApiOperationArgs;
import com.pulumi.azurenative.apimanagement.ApiPolicy;
import com.pulumi.azurenative.apimanagement.ApiPolicyArgs;
import com.pulumi.azurenative.apimanagement.Backend;
import com.pulumi.azurenative.apimanagement.BackendArgs;
import com.pulumi.azurenative.apimanagement.inputs.BackendTlsPropertiesArgs;
import com.pulumi.azurenative.apimanagement.inputs.SubscriptionKeyParameterNamesContractArgs;
import com.pulumi.azurenative.cognitiveservices.Account;
import com.pulumi.azurenative.cognitiveservices.AccountArgs;
import com.pulumi.azurenative.cognitiveservices.CognitiveservicesFunctions;
import com.pulumi.azurenative.cognitiveservices.Deployment;
import com.pulumi.azurenative.cognitiveservices.DeploymentArgs;
import com.pulumi.azurenative.cognitiveservices.enums.ResourceIdentityType;
import com.pulumi.azurenative.cognitiveservices.inputs.AccountPropertiesArgs;
import com.pulumi.azurenative.cognitiveservices.inputs.DeploymentModelArgs;
import com.pulumi.azurenative.cognitiveservices.inputs.DeploymentPropertiesArgs;
import com.pulumi.azurenative.cognitiveservices.inputs.GetAccountArgs;
import com.pulumi.azurenative.cognitiveservices.inputs.IdentityArgs;
import com.pulumi.azurenative.cognitiveservices.inputs.SkuArgs;
import com.pulumi.core.Either;
import com.pulumi.core.Output;
import com.pulumi.azurenative.apimanagement.enums.Protocol;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;
import dev.aigateway.components.BackendConfig;
import dev.aigateway.components.DeploymentConfig;
import dev.aigateway.policy.Fragment;
import dev.aigateway.lint.Scope;
import dev.aigateway.policy.PolicyDocument;
import dev.aigateway.random.RandomString;
import dev.aigateway.random.RandomStringArgs;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Regional Azure OpenAI / AI Services accounts behind the gateway (seed Patterns 1, 2 and 4): the
 * accounts and their model deployments, least-privilege access for the gateway identity, one APIM
 * backend per account, and the Azure OpenAI API whose policy balances by priority and weight,
 * retries on 429/5xx, takes throttled backends out of rotation, and streams.
 */
public final class OpenAiBackendPool extends ComponentResource {
    public static final String TYPE = "ai-gateway:index:OpenAiBackendPool";
    /** "Cognitive Services OpenAI User": inference only; it cannot list keys or change the account. */
    public static final String OPENAI_USER_ROLE = "5e0bd9bd-7b93-4f28-af87-19fc36ad61bd";
    public static final String API_ID = "azure-openai";
    public static final String REQUEST_FRAGMENT = "aigw-openai-request";
    public static final String ROUTE_FRAGMENT = "aigw-openai-route";
    public static final String PICK_FRAGMENT = "aigw-openai-pick";
    public static final String FORWARD_FRAGMENT = "aigw-openai-forward";
    public static final String MARK_FRAGMENT = "aigw-openai-mark";
    public static final String SETTLE_FRAGMENT = "aigw-openai-settle";
    public static final String RESEND_FRAGMENT = "aigw-openai-resend";
    public static final String FAILOVER_FRAGMENT = "aigw-openai-failover";
    public static final String RESPONSE_FRAGMENT = "aigw-openai-response";
    /**
     * Operations of Azure OpenAI's v1 API, which the pinned inference spec predates: the model is
     * in the body and there is no api-version. Id, method, URL template, display name.
     */
    static final List<String[]> V1_OPERATIONS = List.of(
            new String[] {"v1-chat-completions", "POST", "/v1/chat/completions", "Chat completions (v1)"},
            new String[] {"v1-embeddings", "POST", "/v1/embeddings", "Embeddings (v1)"},
            new String[] {"v1-responses", "POST", "/v1/responses", "Responses (v1)"});
    /** The operation that creates responses, whose ids continuing responses name. */
    public static final String RESPONSES_OPERATION = "v1-responses";
    /** How long the gateway remembers which backend holds a response (30 days, as stored responses last). */
    static final int AFFINITY_SECONDS = 30 * 24 * 3600;
    /** A backend URL of the shape the accounts give, to check the routing fragment before they exist. */
    private static final String SAMPLE_URL = "https://sample.openai.azure.com/openai";

    public final Api api;
    /** APIM backend id to the URL it points at. */
    public final Output<Map<String, String>> backendUrls;
    /** Account resource ids, new and existing, by backend name. */
    public final Output<Map<String, String>> accountIds;
    /** The rendered API policy. */
    public final Output<String> apiPolicy;
    /** The deployment names some backend serves, sorted: what tenants may be limited to. */
    public final List<String> deployments;

    public OpenAiBackendPool(String name, OpenAiBackendPoolArgs args) {
        this(name, args, null);
    }

    public OpenAiBackendPool(String name, OpenAiBackendPoolArgs args, ComponentResourceOptions options) {
        super(TYPE, name, options);
        AiGateway gateway = args.gateway();
        CustomResourceOptions child = CustomResourceOptions.builder().parent(this).build();

        // Policies first: a policy that does not check stops the run before any resource is registered.
        // The routing table holds the backends' URLs, known once the accounts exist: it is checked
        // with sample URLs now and rendered when they are known.
        Map<String, Fragment> fragments = new LinkedHashMap<>();
        fragments.put(REQUEST_FRAGMENT, Fragment.render(REQUEST_FRAGMENT, "fragments/openai-request.xml",
                Map.of("streaming", args.streaming(), "requireTenant", args.requireTenant())));
        List<String> sampleUrls = args.backends().stream().map(b -> SAMPLE_URL).toList();
        Fragment.Prepared route = Fragment.prepare(ROUTE_FRAGMENT, "fragments/openai-route.xml", Map.of(),
                Map.of("routes", routeTable(args.backends(), sampleUrls)));
        fragments.put(ROUTE_FRAGMENT, null);
        fragments.put(PICK_FRAGMENT, Fragment.render(PICK_FRAGMENT, "fragments/openai-pick.xml", Map.of()));
        fragments.put(FORWARD_FRAGMENT, Fragment.render(FORWARD_FRAGMENT, "fragments/openai-forward.xml",
                Map.of("timeoutSeconds", args.backendTimeoutSeconds())));
        fragments.put(MARK_FRAGMENT, Fragment.render(MARK_FRAGMENT, "fragments/openai-mark.xml",
                Map.of("throttleSeconds", args.throttleSeconds())));
        fragments.put(SETTLE_FRAGMENT, Fragment.render(SETTLE_FRAGMENT, "fragments/openai-settle.xml", Map.of()));
        fragments.put(RESEND_FRAGMENT, gateway.userAssigned
                ? Fragment.render(RESEND_FRAGMENT, "fragments/openai-resend.xml", Map.of("timeoutSeconds", args.backendTimeoutSeconds()),
                        Map.of("clientId", gateway.identityClientId.applyValue(id -> id.orElseThrow())), Map.of("clientId", AiGateway.SAMPLE_CLIENT_ID))
                : Fragment.render(RESEND_FRAGMENT, "fragments/openai-resend.xml", Map.of("timeoutSeconds", args.backendTimeoutSeconds())));
        fragments.put(FAILOVER_FRAGMENT, Fragment.render(FAILOVER_FRAGMENT, "fragments/openai-failover.xml",
                Map.of("namespace", AiGateway.METRICS_NAMESPACE)));
        fragments.put(RESPONSE_FRAGMENT, Fragment.render(RESPONSE_FRAGMENT, "fragments/openai-response.xml",
                Map.of("responsesOperation", RESPONSES_OPERATION, "affinitySeconds", AFFINITY_SECONDS)));
        List<Fragment> visible = new ArrayList<>(gateway.fragments.values());
        fragments.values().stream().filter(java.util.Objects::nonNull).forEach(visible::add);
        visible.add(new Fragment(ROUTE_FRAGMENT, route.checkedText(), Output.of(route.checkedText())));
        Map<String, Object> slots = new LinkedHashMap<>();
        slots.put("authFragment", AiGateway.AUTH_FRAGMENT);
        slots.put("requestFragment", REQUEST_FRAGMENT);
        slots.put("routeFragment", ROUTE_FRAGMENT);
        slots.put("markFragment", MARK_FRAGMENT);
        slots.put("pickFragment", PICK_FRAGMENT);
        slots.put("forwardFragment", FORWARD_FRAGMENT);
        slots.put("settleFragment", SETTLE_FRAGMENT);
        slots.put("resendFragment", RESEND_FRAGMENT);
        slots.put("failoverFragment", FAILOVER_FRAGMENT);
        slots.put("responseFragment", RESPONSE_FRAGMENT);
        slots.put("errorFragment", AiGateway.ERROR_FRAGMENT);
        slots.put("retryCount", args.backends().size());
        args.promptSafety().ifPresent(ps -> {
            slots.put("promptSafetyFragment", PromptSafety.FRAGMENT);
            visible.add(ps.fragment);
        });
        String policy = PolicyDocument.render(name + " API policy", "openai-api.xml", Scope.API, slots, visible);

        Output<String> suffix = args.nameSuffix() != null
                ? args.nameSuffix()
                : new RandomString(name + "-suffix", RandomStringArgs.builder()
                        .length(Naming.SUFFIX_LENGTH).lower(true).upper(false).numeric(true).special(false)
                        .build(), child).result();

        Map<String, Output<String>> urls = new LinkedHashMap<>();
        Map<String, Output<String>> ids = new LinkedHashMap<>();
        List<Resource> backendResources = new ArrayList<>();
        for (BackendConfig backend : args.backends()) {
            String prefix = name + "-" + backend.name();
            Output<String> accountId;
            Output<String> endpoint;
            if (backend.isExisting()) {
                accountId = Output.of(backend.existingAccountId().get());
                endpoint = CognitiveservicesFunctions.getAccount(GetAccountArgs.builder()
                                .resourceGroupName(backend.existingResourceGroup().get())
                                .accountName(backend.existingAccountName().get())
                                .build())
                        .applyValue(a -> a.properties().endpoint());
            } else {
                Account account = account(prefix, backend, args, suffix);
                deployments(prefix, backend, account, gateway);
                DiagnosticSettings.toWorkspace(prefix + "-diagnostics", account.id(), gateway.workspaceId, child);
                PrivateAccess.endpoint(prefix + "-private-endpoint", account.id(), account.name(), gateway, child);
                accountId = account.id();
                endpoint = account.properties().applyValue(p -> p.endpoint());
            }

            RoleGrants.grant(prefix + "-openai-user", accountId, gateway.principalId, OPENAI_USER_ROLE,
                    "ai-gateway: APIM calls Azure OpenAI with its managed identity", child);

            Output<String> url = endpoint.applyValue(OpenAiBackendPool::openAiUrl);
            backendResources.add(new Backend(prefix + "-backend", BackendArgs.builder()
                    .resourceGroupName(gateway.resourceGroupName)
                    .serviceName(gateway.serviceName)
                    .backendId(backend.backendId())
                    .title(backend.backendId())
                    .description("Azure OpenAI backend " + backend.name() + " (priority " + backend.priority()
                            + ", weight " + backend.weight() + ")")
                    .protocol("http")
                    .url(url)
                    .tls(BackendTlsPropertiesArgs.builder().validateCertificateChain(true).validateCertificateName(true).build())
                    .build(), child));
            urls.put(backend.backendId(), url);
            ids.put(backend.name(), accountId);
        }

        fragments.put(ROUTE_FRAGMENT, route.fill(Map.of("routes", Output.all(new ArrayList<>(urls.values()))
                .applyValue(values -> routeTable(args.backends(), values)))));
        List<Resource> fragmentResources = new ArrayList<>(gateway.fragmentResources);
        fragmentResources.addAll(FragmentDeployments.register(name, fragments, gateway.resourceGroupName,
                gateway.serviceName, child));

        BackendConfig primary = args.backends().stream()
                .min(Comparator.comparingInt(BackendConfig::priority)).orElseThrow();
        this.api = new Api(name + "-api", ApiArgs.builder()
                .resourceGroupName(gateway.resourceGroupName)
                .serviceName(gateway.serviceName)
                .apiId(API_ID)
                .displayName("Azure OpenAI")
                .description("Azure OpenAI inference through the AI gateway, balanced across regional backends")
                .path("openai")
                .protocols(Either.ofRight(Protocol.Https))
                .apiType("http")
                .format("openapi+json-link")
                .value(args.openAiSpecUrl())
                // The import would take the spec's placeholder server; the policy picks the backend per request.
                .serviceUrl(urls.get(primary.backendId()))
                .subscriptionRequired(true)
                // Azure OpenAI SDKs send their key as api-key; accept the subscription key there.
                .subscriptionKeyParameterNames(SubscriptionKeyParameterNamesContractArgs.builder()
                        .header(AiGateway.OPENAI_KEY_NAME).query(AiGateway.OPENAI_KEY_NAME).build())
                .build(), child);

        List<Resource> policyDependencies = new ArrayList<>(fragmentResources);
        for (String[] op : V1_OPERATIONS) {
            policyDependencies.add(new ApiOperation(name + "-" + op[0], ApiOperationArgs.builder()
                    .resourceGroupName(gateway.resourceGroupName)
                    .serviceName(gateway.serviceName)
                    .apiId(api.name())
                    .operationId(op[0])
                    .method(op[1])
                    .urlTemplate(op[2])
                    .displayName(op[3])
                    // Naming the spec ties the operation to the import: a new spec is a re-import, which may
                    // replace the API's operations, and the changed description puts this one back after it.
                    .description("The model is the body's \"model\": the gateway routes by it. Added beside " + args.openAiSpecUrl())
                    .build(), child));
        }
        policyDependencies.addAll(backendResources);
        args.promptSafety().ifPresent(ps -> policyDependencies.addAll(ps.dependencies));
        new ApiPolicy(name + "-api-policy", ApiPolicyArgs.builder()
                .resourceGroupName(gateway.resourceGroupName)
                .serviceName(gateway.serviceName)
                .apiId(api.name())
                .policyId("policy")
                .format("rawxml")
                .value(policy)
                .build(), CustomResourceOptions.builder().parent(this).dependsOn(policyDependencies).build());

        this.apiPolicy = Output.of(policy);
        this.deployments = deploymentsOf(args.backends());
        this.backendUrls = Output.all(new ArrayList<>(urls.values())).applyValue(values -> zip(urls.keySet(), values));
        this.accountIds = Output.all(new ArrayList<>(ids.values())).applyValue(values -> zip(ids.keySet(), values));
        registerOutputs(Map.of("backendUrls", backendUrls, "accountIds", accountIds, "apiId", api.name()));
    }

    private Account account(String prefix, BackendConfig backend, OpenAiBackendPoolArgs args, Output<String> suffix) {
        Output<String> accountName = suffix.applyValue(s -> args.namePrefix() + "-" + backend.name() + "-" + s);
        return new Account(prefix + "-account", AccountArgs.builder()
                .resourceGroupName(args.gateway().resourceGroupName)
                .location(backend.location().get())
                .accountName(accountName)
                .kind(backend.kind().name())
                .sku(SkuArgs.builder().name("S0").build())
                .identity(IdentityArgs.builder().type(ResourceIdentityType.SystemAssigned).build())
                // No keys: the only way in is the gateway's managed identity.
                .properties(AccountDefaults.properties(accountName, backend.kind() == Enums.AccountKind.OpenAI
                        ? "openai.azure.com" : "cognitiveservices.azure.com", PrivateAccess.publicNetworkAccess(args.gateway())).build())
                .build(), CustomResourceOptions.builder().parent(this).protect(args.protect()).build());
    }

    /** Azure rejects concurrent deployment changes on one account, so each waits for the previous. */
    private void deployments(String prefix, BackendConfig backend, Account account, AiGateway gateway) {
        Deployment previous = null;
        for (DeploymentConfig d : backend.deployments()) {
            CustomResourceOptions.Builder opts = CustomResourceOptions.builder().parent(this);
            if (previous != null) {
                opts.dependsOn(previous);
            }
            previous = new Deployment(prefix + "-" + d.name(), DeploymentArgs.builder()
                    .resourceGroupName(gateway.resourceGroupName)
                    .accountName(account.name())
                    .deploymentName(d.name())
                    .sku(SkuArgs.builder().name(d.sku().name()).capacity(d.capacity()).build())
                    .properties(DeploymentPropertiesArgs.builder()
                            .model(DeploymentModelArgs.builder().format("OpenAI").name(d.model()).version(d.version()).build())
                            .raiPolicyName("Microsoft.DefaultV2")
                            .versionUpgradeOption("NoAutoUpgrade")
                            .build())
                    .build(), opts.build());
        }
    }

    /** The deployment names some backend serves, sorted. */
    public static List<String> deploymentsOf(List<BackendConfig> backends) {
        java.util.TreeSet<String> served = new java.util.TreeSet<>();
        backends.forEach(b -> b.routes().forEach(r -> served.add(r.deployment())));
        return List.copyOf(served);
    }

    /**
     * The routing table as the route fragment reads it: "deployment|backend|priority|weight|url"
     * rows separated by ';', one per deployment a backend serves, with that deployment's priority
     * and weight. Names are validated to letters, digits, '-', '_' and '.'.
     */
    static String routeTable(List<BackendConfig> backends, List<String> urls) {
        List<String> rows = new ArrayList<>();
        for (int i = 0; i < backends.size(); i++) {
            BackendConfig b = backends.get(i);
            for (BackendConfig.Route r : b.routes()) {
                rows.add(r.deployment() + "|" + b.backendId() + "|" + r.priority() + "|" + r.weight() + "|" + urls.get(i));
            }
        }
        return String.join(";", rows);
    }

    static String openAiUrl(String endpoint) {
        String base = endpoint.endsWith("/") ? endpoint.substring(0, endpoint.length() - 1) : endpoint;
        return base + "/openai";
    }

    private static Map<String, String> zip(Iterable<String> keys, List<String> values) {
        Map<String, String> out = new LinkedHashMap<>();
        int i = 0;
        for (String k : keys) {
            out.put(k, values.get(i++));
        }
        return out;
    }
}
