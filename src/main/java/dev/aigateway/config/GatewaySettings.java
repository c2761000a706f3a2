package dev.aigateway.config;

import dev.aigateway.components.AiGatewayArgs;
import dev.aigateway.components.Check;
import dev.aigateway.components.Enums.ApimSku;
import dev.aigateway.components.Enums.IdentityType;
import dev.aigateway.components.InvalidInputException;
import dev.aigateway.components.Naming;
import dev.aigateway.components.OpenAiBackendPoolArgs;
import dev.aigateway.components.AdditionalLocationConfig;
import dev.aigateway.components.NetworkConfig;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code ai-gateway:gateway}: the APIM service and stack-wide behaviour. Its defaults are those of
 * the components it feeds ({@link AiGatewayArgs}, {@link OpenAiBackendPoolArgs}, {@link Naming}).
 *
 * @param throttleSeconds       how long a backend that answered 429/5xx without Retry-After stays out of rotation
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
        int backendTimeoutSeconds,
        List<String> zones,
        List<AdditionalLocationConfig> additionalLocations,
        Optional<NetworkConfig> network) {

    /** A gateway in one region, without zones or a virtual network. */
    public GatewaySettings(String publisherEmail, String publisherName, ApimSku sku, int capacity, IdentityType identity, boolean streaming,
            boolean protect, String namePrefix, String resourceGroupName, String openAiSpecVersion, int throttleSeconds,
            int backendTimeoutSeconds) {
        this(publisherEmail, publisherName, sku, capacity, identity, streaming, protect, namePrefix, resourceGroupName, openAiSpecVersion,
                throttleSeconds, backendTimeoutSeconds, List.of(), List.of(), Optional.empty());
    }

    public static final boolean DEFAULT_PROTECT = false;
    public static final String DEFAULT_OPENAI_SPEC_VERSION = "2024-02-01";

    private static final Pattern SPEC_VERSION = Pattern.compile("^\\d{4}-\\d{2}-\\d{2}(-preview)?$");

    /** The resource group a stack creates unless it names one: {@code rg-<prefix>-<stack>}. */
    public static String defaultResourceGroupName(String namePrefix, String stack) {
        return "rg-" + namePrefix + "-" + stack;
    }

    /** The pinned Azure OpenAI inference spec the API is imported from. */
    public String openAiSpecUrl() {
        String channel = openAiSpecVersion.endsWith("-preview") ? "preview" : "stable";
        return "https://raw.githubusercontent.com/Azure/azure-rest-api-specs/main/specification/cognitiveservices/"
                + "data-plane/AzureOpenAI/inference/" + channel + "/" + openAiSpecVersion + "/inference.json";
    }

    /** Throws {@link InvalidInputException} for the first field that breaks its rule; keys are {@code gateway.<field>}. */
    void check(String location) {
        AiGatewayArgs.checkPublisherEmail("gateway.publisherEmail", publisherEmail);
        AiGatewayArgs.checkPublisherName("gateway.publisherName", publisherName);
        Check.required("gateway.sku", sku);
        AiGatewayArgs.checkCapacity("gateway.capacity", capacity, sku);
        Check.required("gateway.identity", identity);
        // <prefix>-<stack>-<suffix> is at most 12 + 20 + 8 characters, within APIM's 50.
        Naming.checkPrefix("gateway.namePrefix", namePrefix);
        Check.matches("gateway.resourceGroupName", resourceGroupName, Check.RESOURCE_GROUP, "must be " + Check.RESOURCE_GROUP_RULE);
        Check.matches("gateway.openAiSpecVersion", openAiSpecVersion, SPEC_VERSION,
                "must be an inference API version such as 2024-02-01 or 2025-03-01-preview");
        OpenAiBackendPoolArgs.checkTimings("gateway.throttleSeconds", throttleSeconds, "gateway.backendTimeoutSeconds", backendTimeoutSeconds);
        AiGatewayArgs.checkPlacement(sku, capacity, location, zones, additionalLocations, network, "gateway.");
    }
}
