package dev.aigateway.components;

import com.pulumi.azurenative.apimanagement.ApiManagementService;
import com.pulumi.azurenative.apimanagement.ApiManagementServiceArgs;
import com.pulumi.azurenative.apimanagement.Diagnostic;
import com.pulumi.azurenative.apimanagement.DiagnosticArgs;
import com.pulumi.azurenative.apimanagement.Logger;
import com.pulumi.azurenative.apimanagement.LoggerArgs;
import com.pulumi.azurenative.apimanagement.Policy;
import com.pulumi.azurenative.apimanagement.PolicyArgs;
import com.pulumi.azurenative.apimanagement.inputs.ApiManagementServiceIdentityArgs;
import com.pulumi.azurenative.apimanagement.inputs.ApiManagementServiceSkuPropertiesArgs;
import com.pulumi.azurenative.apimanagement.inputs.ApiVersionConstraintArgs;
import com.pulumi.azurenative.apimanagement.inputs.AdditionalLocationArgs;
import com.pulumi.azurenative.apimanagement.inputs.BodyDiagnosticSettingsArgs;
import com.pulumi.azurenative.apimanagement.inputs.VirtualNetworkConfigurationArgs;
import com.pulumi.azurenative.apimanagement.inputs.HttpMessageDiagnosticArgs;
import com.pulumi.azurenative.apimanagement.inputs.PipelineDiagnosticSettingsArgs;
import com.pulumi.azurenative.apimanagement.inputs.SamplingSettingsArgs;
import com.pulumi.azurenative.apimanagement.inputs.UserIdentityPropertiesArgs;
import com.pulumi.azurenative.authorization.RoleAssignment;
import com.pulumi.azurenative.insights.Component;
import com.pulumi.azurenative.insights.ComponentArgs;
import com.pulumi.azurenative.managedidentity.UserAssignedIdentity;
import com.pulumi.azurenative.managedidentity.UserAssignedIdentityArgs;
import com.pulumi.azurenative.operationalinsights.Workspace;
import com.pulumi.azurenative.operationalinsights.WorkspaceArgs;
import com.pulumi.azurenative.operationalinsights.inputs.WorkspaceSkuArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.Resource;
import dev.aigateway.lint.Scope;
import dev.aigateway.policy.PolicyDocument;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import dev.aigateway.components.Enums.IdentityType;
import dev.aigateway.policy.Fragment;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The APIM service with its managed identity, its telemetry (Log Analytics, Application Insights,
 * logger and diagnostic) and the policy fragments every API on the gateway includes.
 */
public final class AiGateway extends ComponentResource {
    public static final String TYPE = "ai-gateway:index:AiGateway";
    /** Fragment that authenticates to Azure AI services with the gateway identity. */
    public static final String AUTH_FRAGMENT = "aigw-managed-identity-auth";
    /** Fragment that answers every error generically. */
    public static final String ERROR_FRAGMENT = "aigw-errors";
    /** Fragment that emits token metrics with Tenant, API, Subscription and Model dimensions. */
    public static final String METRICS_FRAGMENT = "aigw-token-metrics";
    /** Custom metric namespace of the token metrics. */
    public static final String METRICS_NAMESPACE = "ai-gateway";

    /** The Azure OpenAI API's subscription key name, header and query, as Azure OpenAI SDKs send it. */
    public static final String OPENAI_KEY_NAME = "api-key";
    /** APIM's default query parameter for subscription keys, which the tool APIs keep. */
    public static final String TOOL_KEY_QUERY = "subscription-key";

    /** Monitoring Metrics Publisher: lets the gateway's identity send telemetry. */
    static final String METRICS_PUBLISHER_ROLE = "3913510d-42f4-4e42-8a64-420c390055eb";

    /** Stand-in identity client id used to check the auth fragment before the real id is known. */
    static final String SAMPLE_CLIENT_ID = "00000000-0000-0000-0000-000000000000";

    /** The APIM service; other components depend on it. */
    public final ApiManagementService service;
    public final Output<String> gatewayUrl;
    public final Output<String> serviceName;
    public final Output<String> resourceGroupName;
    /** Principal id of the identity APIM uses to call backends; grant roles to this. */
    public final Output<String> principalId;
    /** Client id of the user-assigned identity; empty with SystemAssigned. */
    public final Output<Optional<String>> identityClientId;
    /** Whether the gateway's identity is user-assigned: token requests then name its client id. */
    public final boolean userAssigned;
    public final Output<String> loggerId;
    public final Output<String> appInsightsId;
    /** The Log Analytics workspace the gateway's and the accounts' diagnostic settings send to. */
    public final Output<String> workspaceId;
    /** The gateway's primary region. */
    public final Output<String> location;
    /** Private networking, when the gateway has it: the accounts of this gateway then take private endpoints. */
    public final Optional<NetworkConfig> network;
    /** The privatelink DNS zones the accounts' private endpoints register in (none without a network). */
    public final Output<List<String>> privateDnsZoneIds;
    /** Fragments this gateway defines, keyed by id, for checking policies that include them. */
    public final Map<String, Fragment> fragments;
    /** The registered fragments and the global policy; the gateway's other policies depend on these. */
    public final List<Resource> fragmentResources;

    /**
     * The logger's credentials with local authentication off: the connection string names the
     * component, the identity signs the telemetry ("SystemAssigned", or a user-assigned client id).
     */
    static Map<String, String> loggerCredentials(String connectionString, String identityClientId) {
        return Map.of("connectionString", connectionString, "identityClientId", identityClientId);
    }

    /** Another region of a Premium gateway; its gateway is on (Azure.APIM.MultiRegionGateway). */
    private static AdditionalLocationArgs additionalLocation(AdditionalLocationConfig l, Enums.ApimSku sku) {
        AdditionalLocationArgs.Builder b = AdditionalLocationArgs.builder()
                .location(l.location())
                .sku(ApiManagementServiceSkuPropertiesArgs.builder().name(sku.name()).capacity(l.capacity()).build())
                .disableGateway(false);
        if (!l.zones().isEmpty()) {
            b.zones(l.zones());
        }
        l.subnetId().ifPresent(id -> b.virtualNetworkConfiguration(VirtualNetworkConfigurationArgs.builder().subnetResourceId(id).build()));
        return b.build();
    }

    public AiGateway(String name, AiGatewayArgs args) {
        this(name, args, null);
    }

    public AiGateway(String name, AiGatewayArgs args, ComponentResourceOptions options) {
        super(TYPE, name, options);
        CustomResourceOptions child = CustomResourceOptions.builder().parent(this).build();
        CustomResourceOptions stateful = CustomResourceOptions.builder().parent(this).protect(args.protect()).build();
        boolean userAssigned = args.identity() == IdentityType.UserAssigned;
        this.userAssigned = userAssigned;

        // Created first, so role assignments can proceed while the APIM service takes its 30-45 minutes.
        UserAssignedIdentity uami = userAssigned
                ? new UserAssignedIdentity(name + "-identity", UserAssignedIdentityArgs.builder()
                        .resourceGroupName(args.resourceGroupName())
                        .location(args.location())
                        .resourceName(args.serviceName().applyValue(s -> s + "-identity"))
                        .build(), child)
                : null;

        Workspace logs = new Workspace(name + "-logs", WorkspaceArgs.builder()
                .resourceGroupName(args.resourceGroupName())
                .location(args.location())
                .workspaceName(args.serviceName().applyValue(s -> s + "-logs"))
                .sku(WorkspaceSkuArgs.builder().name("PerGB2018").build())
                .retentionInDays(30)
                .build(), stateful);

        Component appInsights = new Component(name + "-appinsights", ComponentArgs.builder()
                .resourceGroupName(args.resourceGroupName())
                .location(args.location())
                .resourceName(args.serviceName().applyValue(s -> s + "-appinsights"))
                .kind("web")
                .applicationType("web")
                .workspaceResourceId(logs.id())
                .ingestionMode("LogAnalytics")
                // Telemetry only with an Entra ID token: the gateway's identity, below.
                .disableLocalAuth(true)
                .build(), stateful);

        ApiManagementServiceIdentityArgs identity = userAssigned
                ? ApiManagementServiceIdentityArgs.builder()
                        .type("UserAssigned")
                        .userAssignedIdentities(uami.id().applyValue(id -> Map.of(id, UserIdentityPropertiesArgs.builder().build())))
                        .build()
                : ApiManagementServiceIdentityArgs.builder().type("SystemAssigned").build();

        ApiManagementServiceArgs.Builder serviceArgs = ApiManagementServiceArgs.builder()
                .resourceGroupName(args.resourceGroupName())
                .location(args.location())
                .serviceName(args.serviceName())
                .publisherEmail(args.publisherEmail())
                .publisherName(args.publisherName())
                .sku(ApiManagementServiceSkuPropertiesArgs.builder()
                        .name(args.sku().name())
                        .capacity(args.capacity())
                        .build())
                .identity(identity)
                .virtualNetworkType(args.network().map(n -> n.mode().name()).orElse("None"))
                .customProperties(SecurityDefaults.APIM_CUSTOM_PROPERTIES)
                .apiVersionConstraint(ApiVersionConstraintArgs.builder().minApiVersion("2021-08-01").build());
        if (!args.zones().isEmpty()) {
            serviceArgs.zones(args.zones());
        }
        if (!args.additionalLocations().isEmpty()) {
            serviceArgs.additionalLocations(args.additionalLocations().stream().map(l -> additionalLocation(l, args.sku())).toList());
        }
        args.network().ifPresent(n -> {
            serviceArgs.virtualNetworkConfiguration(VirtualNetworkConfigurationArgs.builder().subnetResourceId(n.subnetId()).build());
            n.publicIpAddressId().ifPresent(serviceArgs::publicIpAddressId);
        });
        this.service = new ApiManagementService(name + "-apim", serviceArgs.build(), stateful);

        this.principalId = userAssigned
                ? uami.principalId()
                : service.identity().applyValue(i -> i.map(x -> x.principalId()).orElseThrow(
                        () -> new IllegalStateException("APIM service returned no identity")));
        this.identityClientId = userAssigned
                ? uami.clientId().applyValue(Optional::of)
                : Output.of(Optional.empty());

        // With local authentication off, APIM publishes telemetry with its managed identity, which
        // needs Monitoring Metrics Publisher on the component (APIM's Application Insights how-to).
        RoleAssignment publisher = RoleGrants.grant(name + "-appinsights-publisher", appInsights.id(), principalId, METRICS_PUBLISHER_ROLE,
                "ai-gateway: APIM publishes telemetry to Application Insights with its managed identity", child);
        Output<String> identityForLogger = userAssigned ? uami.clientId() : Output.of("SystemAssigned");
        Logger logger = new Logger(name + "-logger", LoggerArgs.builder()
                .resourceGroupName(args.resourceGroupName())
                .serviceName(service.name())
                .loggerId("appinsights")
                .loggerType("applicationInsights")
                .description("Application Insights of the AI gateway")
                .resourceId(appInsights.id())
                // The connection string holds the instrumentation key: secret in the plan and the state.
                .credentials(Output.tuple(appInsights.connectionString(), identityForLogger)
                        .applyValue(t -> loggerCredentials(t.t1, t.t2)).asSecret())
                .isBuffered(true)
                .build(), CustomResourceOptions.builder().parent(this).dependsOn(publisher).build());

        DiagnosticSettings.toWorkspace(name + "-apim-diagnostics", service.id(), logs.id(), child);
        // The direct management REST API is another way in with its own keys; it is off.
        FragmentDeployments.deploy(name + "-direct-management", "aigw-tenant-access", args.resourceGroupName(), service.name(),
                serviceName -> FragmentDeployments.resource("Microsoft.ApiManagement/service/tenant", FragmentDeployments.API_VERSION,
                        serviceName + "/access", Map.of("enabled", false)), child);

        // metrics=true is what lets emit-metric and the token-metric policies reach App Insights.
        // Bodies are never logged: logging one makes the gateway buffer it, which breaks streaming.
        HttpMessageDiagnosticArgs noBody = HttpMessageDiagnosticArgs.builder()
                .headers(List.of())
                .body(BodyDiagnosticSettingsArgs.builder().bytes(0).build())
                .build();
        PipelineDiagnosticSettingsArgs pipeline = PipelineDiagnosticSettingsArgs.builder()
                .request(noBody)
                .response(noBody)
                .build();
        new Diagnostic(name + "-diagnostic", DiagnosticArgs.builder()
                .resourceGroupName(args.resourceGroupName())
                .serviceName(service.name())
                .diagnosticId("applicationinsights")
                .loggerId(logger.id())
                .metrics(true)
                .alwaysLog("allErrors")
                .verbosity("information")
                .httpCorrelationProtocol("W3C")
                .logClientIp(false)
                .sampling(SamplingSettingsArgs.builder().samplingType("fixed").percentage(100.0).build())
                .frontend(pipeline)
                .backend(pipeline)
                .build(), child);

        Map<String, Fragment> fragments = new LinkedHashMap<>();
        fragments.put(AUTH_FRAGMENT, userAssigned
                ? Fragment.render(AUTH_FRAGMENT, "fragments/managed-identity-auth.xml", Map.of(),
                        Map.of("clientId", uami.clientId()), Map.of("clientId", SAMPLE_CLIENT_ID))
                : Fragment.render(AUTH_FRAGMENT, "fragments/managed-identity-auth.xml", Map.of()));
        fragments.put(ERROR_FRAGMENT, Fragment.render(ERROR_FRAGMENT, "fragments/gateway-errors.xml", Map.of()));
        fragments.put(METRICS_FRAGMENT, Fragment.render(METRICS_FRAGMENT, "fragments/token-metrics.xml",
                Map.of("namespace", METRICS_NAMESPACE)));
        this.fragments = Map.copyOf(fragments);
        List<Resource> prerequisites = new ArrayList<>(FragmentDeployments.register(name, fragments, args.resourceGroupName(),
                service.name(), child));
        // The global policy: APIM's default forward, skipped by APIs that forward by themselves (see global.xml).
        prerequisites.add(new Policy(name + "-global-policy", PolicyArgs.builder()
                .resourceGroupName(args.resourceGroupName())
                .serviceName(service.name())
                .policyId("policy")
                .format("rawxml")
                .value(PolicyDocument.render(name + " global policy", "global.xml", Scope.GLOBAL,
                        Map.of("openAiKeyQuery", OPENAI_KEY_NAME, "toolKeyQuery", TOOL_KEY_QUERY), List.of()))
                .build(), child));
        this.fragmentResources = List.copyOf(prerequisites);

        this.gatewayUrl = service.gatewayUrl();
        this.serviceName = service.name();
        this.resourceGroupName = args.resourceGroupName();
        this.loggerId = logger.id();
        this.workspaceId = logs.id();
        this.location = args.location();
        this.network = args.network();
        this.privateDnsZoneIds = network.map(n -> PrivateAccess.dnsZones(name, n, args.resourceGroupName(), child))
                .orElse(Output.of(List.of()));
        this.appInsightsId = appInsights.id();

        registerOutputs(Map.of(
                "gatewayUrl", gatewayUrl,
                "serviceName", serviceName,
                "principalId", principalId,
                "loggerId", loggerId));
    }
}
