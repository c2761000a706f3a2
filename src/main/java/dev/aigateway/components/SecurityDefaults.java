package dev.aigateway.components;

import java.util.LinkedHashMap;
import java.util.Map;

/** Security settings from the project's baseline that every gateway gets. */
final class SecurityDefaults {
    private SecurityDefaults() {}

    private static final String SECURITY = "Microsoft.WindowsAzure.ApiManagement.Gateway.Security.";

    /** No SSL 3.0, TLS 1.0 or 1.1 on either side, and no weak ciphers (Azure.APIM.Protocols, Azure.APIM.Ciphers). */
    static final Map<String, String> APIM_CUSTOM_PROPERTIES;

    static {
        Map<String, String> p = new LinkedHashMap<>();
        for (String side : new String[] {"Protocols.", "Backend.Protocols."}) {
            for (String protocol : new String[] {"Ssl30", "Tls10", "Tls11"}) {
                p.put(SECURITY + side + protocol, "False");
            }
        }
        // The eight ciphers of the baseline (Azure.APIM.Ciphers, as in the AVM module's default).
        for (String cipher : new String[] {
                "TripleDes168",
                "TLS_RSA_WITH_AES_128_CBC_SHA",
                "TLS_RSA_WITH_AES_256_CBC_SHA",
                "TLS_RSA_WITH_AES_128_CBC_SHA256",
                "TLS_RSA_WITH_AES_256_CBC_SHA256",
                "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA",
                "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA",
                "TLS_RSA_WITH_AES_128_GCM_SHA256"}) {
            p.put(SECURITY + "Ciphers." + cipher, "False");
        }
        APIM_CUSTOM_PROPERTIES = java.util.Collections.unmodifiableMap(p);
    }
}
