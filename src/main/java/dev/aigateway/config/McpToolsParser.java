package dev.aigateway.config;

import dev.aigateway.config.McpToolConfig.ContentSafety;
import dev.aigateway.config.McpToolConfig.RateLimit;
import dev.aigateway.mcp.McpManifest;
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
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** {@code ai-gateway:mcpTools}: each entry's keys, its OpenAPI document, and the tools it makes. */
final class McpToolsParser {
    static final String OPENAI_PATH = "openai";
    /** Short enough for the Content Safety account name (prefix-cs-name-suffix, at most 64). */
    private static final Pattern NAME = Pattern.compile("^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$");
    private static final Pattern API_PATH = Pattern.compile("^[a-z0-9][a-z0-9-]*(/[a-z0-9][a-z0-9-]*)*$");
    private static final Pattern HTTPS = Pattern.compile("^https://[^\\s/$.?#][^\\s]*$");
    private static final List<String> CATEGORIES = List.of("Hate", "SelfHarm", "Sexual", "Violence");

    private McpToolsParser() {}

    static List<McpToolConfig> parse(ConfigNode node, Path folder) {
        if (!node.isPresent()) {
            return List.of();
        }
        List<McpToolConfig> tools = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (ConfigNode item : node.requireList(0)) {
            McpToolConfig tool = tool(item, folder);
            if (!names.add(tool.name())) {
                throw item.field("name").reject("must be unique among mcpTools");
            }
            for (McpToolConfig other : tools) {
                if (overlaps(tool.path(), other.path())) {
                    throw pathNode(item).reject("must not overlap the path of mcpTools entry '" + other.name() + "' (" + other.path() + ")");
                }
            }
            tools.add(tool);
        }
        return tools;
    }

    private static ConfigNode pathNode(ConfigNode item) {
        return item.field("path").isPresent() ? item.field("path") : item.field("name");
    }

    private static McpToolConfig tool(ConfigNode node, Path folder) {
        node.requireObject(Set.of("name", "openApi", "serviceUrl", "path", "displayName", "description", "rateLimit",
                "anonymousRateLimit", "contentSafety"));
        ConfigNode nameNode = node.field("name");
        String name = nameNode.matching(nameNode.requireString(), NAME,
                "must be 1-40 lowercase letters, digits or '-', not starting or ending with '-'");
        if (name.equals(ConfigParser.OPENAI_API)) {
            throw nameNode.reject("must not be the id of the gateway's Azure OpenAI API");
        }
        ConfigNode pathNode = node.field("path");
        String path = pathNode.isPresent()
                ? pathNode.matching(pathNode.requireString(), API_PATH, "must be lowercase path segments of letters, digits and '-', without leading '/'")
                : "tools/" + name;
        if (overlaps(path, OPENAI_PATH)) {
            throw pathNode(node).reject("must not overlap the gateway's Azure OpenAI API path '" + OPENAI_PATH + "' (tool path: " + path + ")");
        }
        ConfigNode urlNode = node.field("serviceUrl");
        String serviceUrl = urlNode.matching(urlNode.requireString(), HTTPS, "must be an https:// URL");

        ConfigNode specNode = node.field("openApi");
        String source = specNode.requireString();
        OpenApiDocument doc;
        try {
            doc = source.startsWith("https://") ? OpenApiDocument.read(fetch(specNode, source), source)
                    : OpenApiDocument.read(readFile(specNode, folder.resolve(source)), null);
            // Build the tools once now, so a document that cannot make them stops the run before anything is registered.
            McpManifest.tools(doc, "https://gateway.invalid/" + path);
        } catch (OpenApiDocument.UnusableException e) {
            throw specNode.reject(e.getMessage());
        }
        String displayName = node.field("displayName").stringOr(doc.title() == null ? name : doc.title());
        if (displayName.length() > 300) {
            throw node.field("displayName").reject("must be at most 300 characters");
        }
        String description = node.field("description").stringOr(doc.description());

        RateLimit rate = rateLimit(node.field("rateLimit"), new RateLimit(10, 60));
        RateLimit anonymous = rateLimit(node.field("anonymousRateLimit"), rate);
        if ((long) anonymous.calls() * rate.renewalPeriod() > (long) rate.calls() * anonymous.renewalPeriod()) {
            throw node.field("anonymousRateLimit").reject("must not allow more calls per second than rateLimit ("
                    + rate.calls() + " per " + rate.renewalPeriod() + " s)");
        }
        return new McpToolConfig(name, source, doc, serviceUrl, path, displayName, description, rate, anonymous,
                contentSafety(node.field("contentSafety")));
    }

    private static RateLimit rateLimit(ConfigNode node, RateLimit fallback) {
        if (!node.isPresent()) {
            return fallback;
        }
        node.requireObject(Set.of("calls", "renewalPeriod"));
        int calls = node.field("calls").requireInt(1, 1_000_000);
        int period = node.field("renewalPeriod").requireInt(1, 300);
        return new RateLimit(calls, period);
    }

    private static Optional<ContentSafety> contentSafety(ConfigNode node) {
        if (!node.isPresent()) {
            return Optional.empty();
        }
        if (node.isBoolean()) {
            return node.boolOr(false) ? Optional.of(new ContentSafety(CATEGORIES, 4)) : Optional.empty();
        }
        node.requireObject(Set.of("categories", "threshold"));
        List<String> categories = new ArrayList<>();
        ConfigNode cats = node.field("categories");
        if (cats.isPresent()) {
            for (ConfigNode c : cats.requireList(1)) {
                String cat = c.requireString();
                if (!CATEGORIES.contains(cat)) {
                    throw c.reject("must be one of " + String.join(", ", CATEGORIES));
                }
                if (categories.contains(cat)) {
                    throw c.reject("must be unique");
                }
                categories.add(cat);
            }
        } else {
            categories.addAll(CATEGORIES);
        }
        int threshold = node.field("threshold").intOr(4, 0, 7);
        return Optional.of(new ContentSafety(List.copyOf(categories), threshold));
    }

    /** Two API paths overlap when one is the other or lies beneath it: APIM could not tell their requests apart. */
    static boolean overlaps(String a, String b) {
        return a.equals(b) || a.startsWith(b + "/") || b.startsWith(a + "/");
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
