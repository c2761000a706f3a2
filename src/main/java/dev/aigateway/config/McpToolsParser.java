package dev.aigateway.config;

import dev.aigateway.components.McpToolConfig;
import dev.aigateway.components.McpToolConfig.ContentSafety;
import dev.aigateway.components.McpToolConfig.RateLimit;
import dev.aigateway.mcp.McpTools;
import dev.aigateway.mcp.OpenApiDocument;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** {@code ai-gateway:mcpTools}: each entry's keys, its OpenAPI document, and the tools it makes. */
final class McpToolsParser {
    static final Set<String> KEYS = Set.of("name", "openApi", "serviceUrl", "path", "displayName", "description", "rateLimit",
            "anonymousRateLimit", "contentSafety", "mcpPath", "operations");

    private McpToolsParser() {}

    static List<McpToolConfig> parse(ConfigNode node, Path folder) {
        if (!node.isPresent()) {
            return List.of();
        }
        List<McpToolConfig> tools = new ArrayList<>();
        for (ConfigNode item : node.requireList(0)) {
            tools.add(tool(item, folder));
        }
        return tools;
    }

    private static McpToolConfig tool(ConfigNode node, Path folder) {
        node.requireObject(KEYS);
        String name = node.field("name").requireString();
        String path = node.field("path").stringOr(McpToolConfig.defaultPath(name));
        String serviceUrl = node.field("serviceUrl").requireString();
        ConfigNode specNode = node.field("openApi");
        String source = specNode.requireString();
        OpenApiDocument doc;
        try {
            doc = source.startsWith("https://") ? OpenApiDocument.read(fetch(specNode, source), source)
                    : OpenApiDocument.read(readFile(specNode, inside(specNode, folder, source)), null);
            // Build the tools once now, so a document that cannot make them stops the run before anything is registered.
            McpTools.tools(doc, "https://gateway.invalid/" + path);
            doc = McpTools.importable(doc);
        } catch (OpenApiDocument.UnusableException e) {
            throw specNode.reject(e.getMessage());
        }
        String displayName = node.field("displayName").stringOr(doc.title() == null ? name : doc.title());
        // info.description is optional in OpenAPI; the API still needs one (Azure.APIM.APIDescriptors).
        String description = node.field("description").stringOr(doc.description() != null && !doc.description().isBlank()
                ? doc.description() : McpToolConfig.defaultDescription(displayName));
        RateLimit rate = rateLimit(node.field("rateLimit"), McpToolConfig.DEFAULT_RATE_LIMIT);
        RateLimit anonymous = rateLimit(node.field("anonymousRateLimit"), rate);
        ConfigNode ops = node.field("operations");
        return new McpToolConfig(name, source, doc, serviceUrl, path, displayName, description, rate, anonymous,
                contentSafety(node.field("contentSafety")), node.field("mcpPath").stringOr(McpToolConfig.defaultMcpPath(name)),
                ops.isPresent() ? ConfigParser.strings(ops) : List.of());
    }

    private static RateLimit rateLimit(ConfigNode node, RateLimit fallback) {
        if (!node.isPresent()) {
            return fallback;
        }
        node.requireObject(Set.of("calls", "renewalPeriod"));
        return new RateLimit(node.field("calls").requireInt(), node.field("renewalPeriod").requireInt());
    }

    private static Optional<ContentSafety> contentSafety(ConfigNode node) {
        if (!node.isPresent()) {
            return Optional.empty();
        }
        if (node.isBoolean()) {
            return node.boolOr(false) ? Optional.of(ContentSafety.standard()) : Optional.empty();
        }
        node.requireObject(Set.of("categories", "threshold"));
        ConfigNode cats = node.field("categories");
        List<String> categories = cats.isPresent() ? ConfigParser.strings(cats) : ContentSafety.CATEGORIES;
        int threshold = node.field("threshold").intOr(ContentSafety.DEFAULT_THRESHOLD);
        return Optional.of(new ContentSafety(categories, threshold));
    }

    /**
     * A relative path stays inside the stack's folder: a stack file reviewed on a pull request
     * should not be able to make CI read ../../anything. An absolute path says plainly what it reads.
     */
    private static Path inside(ConfigNode node, Path folder, String source) {
        Path given = Path.of(source);
        if (given.isAbsolute()) {
            return given;
        }
        Path file = folder.resolve(given).normalize();
        if (!file.startsWith(folder.normalize())) {
            throw node.reject("must be a path inside the stack's folder, or an absolute path");
        }
        return file;
    }

    private static String readFile(ConfigNode node, Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            throw node.reject("must name a readable OpenAPI file (" + file.getFileName() + " could not be read)");
        }
    }

    private static String fetch(ConfigNode node, String url) {
        try {
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).followRedirects(HttpClient.Redirect.NORMAL).build();
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw node.reject("must be a readable OpenAPI URL (HTTP " + response.statusCode() + ")");
            }
            return response.body();
        } catch (IOException | IllegalArgumentException e) {
            throw node.reject("must be a readable OpenAPI URL (" + e.getClass().getSimpleName() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw node.reject("must be a readable OpenAPI URL (interrupted)");
        }
    }
}
