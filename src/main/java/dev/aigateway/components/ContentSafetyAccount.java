package dev.aigateway.components;

import com.pulumi.azurenative.cognitiveservices.Account;
import com.pulumi.azurenative.cognitiveservices.AccountArgs;
import com.pulumi.azurenative.cognitiveservices.enums.ResourceIdentityType;
import com.pulumi.azurenative.cognitiveservices.inputs.IdentityArgs;
import com.pulumi.azurenative.cognitiveservices.inputs.SkuArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;
import java.util.HashMap;
import java.util.Map;

/**
 * An Azure AI Content Safety account the gateway screens text with: Entra ID only (local auth
 * off), diagnostics to the gateway's workspace, a private endpoint when the gateway is private,
 * and Cognitive Services User for the gateway's identity, the least role that can call it.
 *
 * @param account  the account
 * @param role     the gateway identity's role assignment, which policies calling it depend on
 * @param endpoint its endpoint, ending in '/'
 */
record ContentSafetyAccount(Account account, Resource role, Output<String> endpoint) {
    /** Cognitive Services User: lets the gateway call text:analyze and text:shieldPrompt, and nothing administrative. */
    static final String COGNITIVE_SERVICES_USER_ROLE = "a97b65f3-24c7-4388-baec-2e87135dc908";
    private static final String SAMPLE_ENDPOINT = "https://sample.cognitiveservices.azure.com/";

    static ContentSafetyAccount create(String name, Output<String> accountName, Output<String> location, AiGateway gateway,
            boolean protect, Resource parent, String purpose) {
        CustomResourceOptions child = CustomResourceOptions.builder().parent(parent).build();
        Account account = new Account(name, AccountArgs.builder()
                .resourceGroupName(gateway.resourceGroupName)
                .location(location)
                .accountName(accountName)
                .kind("ContentSafety")
                .sku(SkuArgs.builder().name("S0").build())
                .identity(IdentityArgs.builder().type(ResourceIdentityType.SystemAssigned).build())
                // Entra ID only: the gateway's identity is the one caller.
                .properties(AccountDefaults.properties(accountName, "cognitiveservices.azure.com", PrivateAccess.publicNetworkAccess(gateway)).build())
                .build(), CustomResourceOptions.builder().parent(parent).protect(protect).build());
        DiagnosticSettings.toWorkspace(name + "-diagnostics", account.id(), gateway.workspaceId, child);
        PrivateAccess.endpoint(name + "-private-endpoint", account.id(), account.name(), gateway, child);
        Resource role = RoleGrants.grant(name + "-user", account.id(), gateway.principalId, COGNITIVE_SERVICES_USER_ROLE, purpose, child);
        return new ContentSafetyAccount(account, role, account.properties().applyValue(p -> withSlash(p.endpoint())));
    }

    /** The late values a screening fragment needs (endpoint, and the identity's client id when user-assigned), with plan samples. */
    Map<String, Output<String>> late(AiGateway gateway) {
        Map<String, Output<String>> late = new HashMap<>();
        late.put("endpoint", endpoint);
        if (gateway.userAssigned) {
            late.put("clientId", gateway.identityClientId.applyValue(o -> o.orElseThrow()));
        }
        return late;
    }

    static Map<String, String> samples(AiGateway gateway) {
        Map<String, String> samples = new HashMap<>();
        samples.put("endpoint", SAMPLE_ENDPOINT);
        if (gateway.userAssigned) {
            samples.put("clientId", AiGateway.SAMPLE_CLIENT_ID);
        }
        return samples;
    }

    private static String withSlash(String endpoint) {
        return endpoint.endsWith("/") ? endpoint : endpoint + "/";
    }
}
