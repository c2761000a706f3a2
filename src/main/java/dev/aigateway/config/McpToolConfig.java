package dev.aigateway.config;

import dev.aigateway.mcp.OpenApiDocument;
import java.util.List;
import java.util.Optional;

/**
 * One entry of {@code ai-gateway:mcpTools}: an existing REST API exposed to agents as MCP tools.
 *
 * @param name               the APIM API id, the tool API's name in the manifest and in tenants' {@code apis}
 * @param source             where the OpenAPI document came from (file path or URL), for messages
 * @param document           the read document
 * @param path               the API's path on the gateway
 * @param rateLimit          calls per renewal period for each identified agent
 * @param anonymousRateLimit calls per renewal period shared by callers without an agent id
 * @param contentSafety      screening of tool inputs, when on
 */
public record McpToolConfig(
        String name,
        String source,
        OpenApiDocument document,
        String serviceUrl,
        String path,
        String displayName,
        String description,
        RateLimit rateLimit,
        RateLimit anonymousRateLimit,
        Optional<ContentSafety> contentSafety) {

    /** {@code calls} per {@code renewalPeriod} seconds. */
    public record RateLimit(int calls, int renewalPeriod) {}

    /**
     * @param categories the harm categories screened (Hate, SelfHarm, Sexual, Violence)
     * @param threshold  the severity (0-7) from which input is refused
     */
    public record ContentSafety(List<String> categories, int threshold) {}
}
