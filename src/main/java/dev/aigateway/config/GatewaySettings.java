package dev.aigateway.config;

import dev.aigateway.config.Enums.ApimSku;
import dev.aigateway.config.Enums.IdentityType;

/**
 * {@code ai-gateway:gateway}: the APIM service and stack-wide behaviour.
 *
 * @param throttleSeconds   how long a backend that answered 429/5xx without Retry-After stays out of rotation
 * @param backendTimeoutSeconds forward-request timeout: time to wait for the backend's response headers
 */
public record GatewaySettings(
        String publisherEmail,
        String publisherName,
        ApimSku sku,
        int capacity,
        IdentityType identity,
        boolean streaming,
        boolean protect,
        String namePrefix,
        String resourceGroupName,
        String openAiSpecVersion,
        int throttleSeconds,
        int backendTimeoutSeconds) {

    /** The pinned Azure OpenAI inference spec the API is imported from. */
    public String openAiSpecUrl() {
        String channel = openAiSpecVersion.endsWith("-preview") ? "preview" : "stable";
        return "https://raw.githubusercontent.com/Azure/azure-rest-api-specs/main/specification/cognitiveservices/"
                + "data-plane/AzureOpenAI/inference/" + channel + "/" + openAiSpecVersion + "/inference.json";
    }
}
