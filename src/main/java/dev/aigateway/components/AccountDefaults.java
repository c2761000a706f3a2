package dev.aigateway.components;

import com.pulumi.azurenative.cognitiveservices.inputs.AccountPropertiesArgs;
import com.pulumi.core.Output;
import java.util.List;

/** The settings every Azure AI account the gateway creates shares, as the security baseline asks. */
final class AccountDefaults {
    private AccountDefaults() {}

    /**
     * A custom subdomain (Entra ID tokens and private endpoints need one), keys off, dynamic
     * throttling off, and outbound access restricted: the gateway's accounts call nothing, so the
     * allowed list holds only the account's own host (Checkov asks for a non-empty list).
     */
    static AccountPropertiesArgs.Builder properties(Output<String> accountName, String domain, String publicNetworkAccess) {
        return AccountPropertiesArgs.builder()
                .customSubDomainName(accountName)
                .disableLocalAuth(true)
                .publicNetworkAccess(publicNetworkAccess)
                .dynamicThrottlingEnabled(false)
                .restrictOutboundNetworkAccess(true)
                .allowedFqdnList(accountName.applyValue(n -> List.of(n + "." + domain)));
    }
}
