package dev.aigateway.plan;

import com.pulumi.test.Mocks;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Stands in for the providers. Every resource echoes its inputs and gains the computed outputs that
 * later resources read (names, ids, principal ids, endpoints, random results); without them, inputs
 * that depend on those outputs would silently vanish. Everything is derived from names, so two runs
 * give the same plan.
 */
public final class PlanMocks implements Mocks {
    public static final String SUBSCRIPTION_ID = "00000000-0000-0000-0000-000000000000";
    public static final String TENANT_ID = "11111111-1111-1111-1111-111111111111";

    /** What the program registered, by type and logical name. */
    public record Registered(String type, String name, Map<String, Object> inputs) {}

    private final Map<String, Registered> registered = new ConcurrentHashMap<>();

    public Map<String, Registered> registered() {
        return registered;
    }

    static String key(String type, String name) {
        return type + "::" + name;
    }

    @Override
    public CompletableFuture<ResourceResult> newResourceAsync(ResourceArgs args) {
        if (registered.putIfAbsent(key(args.type, args.name), new Registered(args.type, args.name, args.inputs)) != null) {
            return CompletableFuture.failedFuture(new IllegalStateException("duplicate resource " + args.type + " " + args.name));
        }
        Map<String, Object> state = new HashMap<>(args.inputs);
        String physical = physicalName(args);
        String rg = string(args.inputs.get("resourceGroupName"), "rg");
        String id = armId(args.type, rg, physical, args.inputs);
        state.put("name", physical);
        switch (args.type) {
            case "random:index/randomString:RandomString" -> state.put("result", randomResult(args.name, args.inputs));
            case "azure-native:managedidentity:UserAssignedIdentity" -> {
                state.put("principalId", uuid("principal/" + args.name));
                state.put("clientId", uuid("client/" + args.name));
                state.put("tenantId", TENANT_ID);
            }
            case "azure-native:apimanagement:ApiManagementService" -> {
                state.put("gatewayUrl", "https://" + physical + ".azure-api.net");
                Map<String, Object> identity = new HashMap<>(map(args.inputs.get("identity")));
                if (String.valueOf(identity.get("type")).contains("SystemAssigned")) {
                    identity.put("principalId", uuid("principal/" + args.name));
                    identity.put("tenantId", TENANT_ID);
                }
                state.put("identity", identity);
            }
            case "azure-native:cognitiveservices:Account" -> {
                Map<String, Object> props = new HashMap<>(map(args.inputs.get("properties")));
                String host = string(props.get("customSubDomainName"), physical);
                String domain = "OpenAI".equals(args.inputs.get("kind")) ? "openai.azure.com" : "cognitiveservices.azure.com";
                props.put("endpoint", "https://" + host + "." + domain + "/");
                state.put("properties", props);
                state.put("identity", Map.of("type", "SystemAssigned", "principalId", uuid("principal/" + args.name),
                        "tenantId", TENANT_ID));
            }
            case "azure-native:insights:Component" -> {
                String key = uuid("ikey/" + args.name);
                state.put("instrumentationKey", key);
                state.put("connectionString", "InstrumentationKey=" + key);
            }
            default -> { }
        }
        return CompletableFuture.completedFuture(ResourceResult.of(Optional.of(id), state));
    }

    @Override
    public CompletableFuture<Map<String, Object>> callAsync(CallArgs args) {
        return switch (args.token) {
            case "azure-native:authorization:getClientConfig" -> CompletableFuture.completedFuture(Map.of(
                    "clientId", uuid("deployer-client"),
                    "objectId", uuid("deployer-object"),
                    "subscriptionId", SUBSCRIPTION_ID,
                    "tenantId", TENANT_ID));
            case "azure-native:cognitiveservices:getAccount" -> {
                String name = string(args.args.get("accountName"), "account");
                String rg = string(args.args.get("resourceGroupName"), "rg");
                yield CompletableFuture.completedFuture(Map.of(
                        "id", "/subscriptions/" + SUBSCRIPTION_ID + "/resourceGroups/" + rg
                                + "/providers/Microsoft.CognitiveServices/accounts/" + name,
                        "name", name,
                        "kind", "OpenAI",
                        "location", "eastus",
                        "properties", Map.of("endpoint", "https://" + name + ".openai.azure.com/")));
            }
            case "azure-native:apimanagement:listSubscriptionSecrets" -> {
                String sid = string(args.args.get("sid"), "subscription");
                yield CompletableFuture.completedFuture(Map.of(
                        "primaryKey", mockKey("primary/" + sid),
                        "secondaryKey", mockKey("secondary/" + sid)));
            }
            default -> CompletableFuture.failedFuture(new IllegalStateException("no mock for invoke " + args.token));
        };
    }

    /** The provider-side name: azure-native takes it from the resource's own name input. */
    private static String physicalName(ResourceArgs args) {
        String key = nameInput(args.type);
        return key == null ? args.name : string(args.inputs.get(key), args.name);
    }

    /** The input that holds a resource type's Azure name (changing it replaces the resource), or null. */
    public static String nameInput(String type) {
        return switch (type) {
            case "azure-native:apimanagement:ApiManagementService" -> "serviceName";
            case "azure-native:cognitiveservices:Account" -> "accountName";
            case "azure-native:cognitiveservices:Deployment" -> "deploymentName";
            case "azure-native:operationalinsights:Workspace" -> "workspaceName";
            case "azure-native:insights:Component", "azure-native:managedidentity:UserAssignedIdentity" -> "resourceName";
            case "azure-native:resources:ResourceGroup" -> "resourceGroupName";
            case "azure-native:authorization:RoleAssignment" -> "roleAssignmentName";
            case "azure-native:apimanagement:Backend" -> "backendId";
            case "azure-native:apimanagement:Api" -> "apiId";
            case "azure-native:apimanagement:Logger" -> "loggerId";
            case "azure-native:apimanagement:Diagnostic" -> "diagnosticId";
            case "azure-native:resources:Deployment" -> "deploymentName";
            case "azure-native:apimanagement:Product" -> "productId";
            case "azure-native:apimanagement:ProductPolicy" -> "policyId";
            case "azure-native:apimanagement:Subscription" -> "sid";
            case "azure-native:apimanagement:ApiPolicy" -> "policyId";
            case "azure-native:network:PrivateEndpoint" -> "privateEndpointName";
            case "azure-native:network:PrivateZone" -> "privateZoneName";
            case "azure-native:network:VirtualNetworkLink" -> "virtualNetworkLinkName";
            case "azure-native:network:PrivateDnsZoneGroup" -> "privateDnsZoneGroupName";
            case "azure-native:insights:DiagnosticSetting" -> "name";
            default -> null;
        };
    }

    private static String armId(String type, String rg, String name, Map<String, Object> inputs) {
        String sub = "/subscriptions/" + SUBSCRIPTION_ID;
        String group = sub + "/resourceGroups/" + rg;
        String apim = group + "/providers/Microsoft.ApiManagement/service/" + string(inputs.get("serviceName"), "apim");
        return switch (type) {
            case "azure-native:resources:ResourceGroup" -> sub + "/resourceGroups/" + name;
            case "azure-native:apimanagement:ApiManagementService" -> group + "/providers/Microsoft.ApiManagement/service/" + name;
            case "azure-native:cognitiveservices:Account" -> group + "/providers/Microsoft.CognitiveServices/accounts/" + name;
            case "azure-native:cognitiveservices:Deployment" -> group + "/providers/Microsoft.CognitiveServices/accounts/"
                    + string(inputs.get("accountName"), "account") + "/deployments/" + name;
            case "azure-native:operationalinsights:Workspace" -> group + "/providers/Microsoft.OperationalInsights/workspaces/" + name;
            case "azure-native:insights:Component" -> group + "/providers/Microsoft.Insights/components/" + name;
            case "azure-native:managedidentity:UserAssignedIdentity" ->
                    group + "/providers/Microsoft.ManagedIdentity/userAssignedIdentities/" + name;
            case "azure-native:authorization:RoleAssignment" -> string(inputs.get("scope"), sub)
                    + "/providers/Microsoft.Authorization/roleAssignments/" + name;
            case "azure-native:apimanagement:Logger" -> apim + "/loggers/" + name;
            case "azure-native:apimanagement:Diagnostic" -> apim + "/diagnostics/" + name;
            case "azure-native:apimanagement:Backend" -> apim + "/backends/" + name;
            case "azure-native:apimanagement:Api" -> apim + "/apis/" + name;
            case "azure-native:apimanagement:ApiPolicy" -> apim + "/apis/" + string(inputs.get("apiId"), "api") + "/policies/" + name;
            case "azure-native:resources:Deployment" -> group + "/providers/Microsoft.Resources/deployments/" + name;
            case "azure-native:apimanagement:Product" -> apim + "/products/" + name;
            case "azure-native:apimanagement:ProductPolicy" -> apim + "/products/" + string(inputs.get("productId"), "product")
                    + "/policies/" + name;
            case "azure-native:apimanagement:ProductApi" -> apim + "/products/" + string(inputs.get("productId"), "product")
                    + "/apis/" + string(inputs.get("apiId"), "api");
            case "azure-native:apimanagement:Subscription" -> apim + "/subscriptions/" + name;
            case "azure-native:network:PrivateEndpoint" -> group + "/providers/Microsoft.Network/privateEndpoints/" + name;
            case "azure-native:network:PrivateZone" -> group + "/providers/Microsoft.Network/privateDnsZones/" + name;
            default -> "id-" + name;
        };
    }

    /** A string of the requested length from the requested alphabet, fixed by the logical name. */
    static String randomResult(String name, Map<String, Object> inputs) {
        int length = ((Number) inputs.getOrDefault("length", 6)).intValue();
        StringBuilder alphabet = new StringBuilder();
        if (!Boolean.FALSE.equals(inputs.get("lower"))) {
            alphabet.append("abcdefghijklmnopqrstuvwxyz");
        }
        if (!Boolean.FALSE.equals(inputs.get("numeric"))) {
            alphabet.append("0123456789");
        }
        if (!Boolean.FALSE.equals(inputs.get("upper"))) {
            alphabet.append("ABCDEFGHIJKLMNOPQRSTUVWXYZ");
        }
        byte[] seed = sha256(name);
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(alphabet.charAt(Byte.toUnsignedInt(seed[i % seed.length]) % alphabet.length()));
        }
        return out.toString();
    }

    /** A key-shaped stand-in; the plan must never show it, since keys are secret outputs. */
    static String mockKey(String seed) {
        return java.util.HexFormat.of().formatHex(sha256("key/" + seed), 0, 16);
    }

    static String uuid(String seed) {
        return UUID.nameUUIDFromBytes(seed.getBytes(StandardCharsets.UTF_8)).toString();
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String string(Object value, String fallback) {
        return value instanceof String s && !s.isEmpty() ? s : fallback;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }
}
