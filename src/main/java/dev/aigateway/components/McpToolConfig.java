package dev.aigateway.components;

import dev.aigateway.mcp.OpenApiDocument;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

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
 * @param mcpPath            the MCP server's path on the gateway; agents connect to {@code <gateway>/<mcpPath>/mcp}
 * @param operations         the tools the MCP server offers, by tool name; empty for all of the document's operations
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
        Optional<ContentSafety> contentSafety,
        String mcpPath,
        List<String> operations) {

    public static final RateLimit DEFAULT_RATE_LIMIT = new RateLimit(10, 60);
    public static final int MAX_DISPLAY_NAME = 300;
    /** The Azure OpenAI API's path on the gateway, which no tool API may overlap. */
    public static final String OPENAI_PATH = "openai";

    /** Short enough for the Content Safety account name (prefix-cs-name-suffix, at most 64). */
    private static final Pattern NAME = Pattern.compile("^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$");
    private static final Pattern API_PATH = Pattern.compile("^[a-z0-9][a-z0-9-]*(/[a-z0-9][a-z0-9-]*)*$");
    private static final Pattern HTTPS = Pattern.compile("^https://[^\\s/$.?#][^\\s]*$");

    /** The default path of a tool API on the gateway. */
    public static String defaultPath(String name) {
        return "tools/" + name;
    }

    /** The default path of a tool API's MCP server: {@code <name>-mcp}, as APIM's portal and Learn's examples name it. */
    public static String defaultMcpPath(String name) {
        return name + "-mcp";
    }

    /** The APIM API id of the MCP server made from this tool API. */
    public String mcpServerId() {
        return name + "-mcp";
    }

    /** The names of the tools the MCP server offers, in document order. */
    public List<String> toolNames() {
        List<String> all = documentToolNames();
        return operations.isEmpty() ? all : all.stream().filter(operations::contains).toList();
    }

    /** The names of every tool the document makes, whether the server offers it or not. */
    private List<String> documentToolNames() {
        return dev.aigateway.mcp.McpTools.tools(document, "https://gateway.invalid/" + path).stream()
                .map(io.modelcontextprotocol.spec.McpSchema.Tool::name).toList();
    }

    /** {@code calls} per {@code renewalPeriod} seconds. */
    public record RateLimit(int calls, int renewalPeriod) {
        public static final int MAX_CALLS = 1_000_000;
        public static final int MAX_RENEWAL_PERIOD = 300;

        public void check() {
            Check.range("calls", calls, 1, MAX_CALLS);
            Check.range("renewalPeriod", renewalPeriod, 1, MAX_RENEWAL_PERIOD);
        }

        /** Whether this allows more calls per second than {@code other}. */
        boolean looserThan(RateLimit other) {
            return (long) calls * other.renewalPeriod > (long) other.calls * renewalPeriod;
        }
    }

    /**
     * @param categories the harm categories screened (Hate, SelfHarm, Sexual, Violence)
     * @param threshold  the severity (0-7) from which input is refused
     */
    public record ContentSafety(List<String> categories, int threshold) {
        public static final List<String> CATEGORIES = List.of("Hate", "SelfHarm", "Sexual", "Violence");
        public static final int DEFAULT_THRESHOLD = 4;
        public static final int MAX_THRESHOLD = 7;

        /** Every category at the default threshold: what {@code contentSafety: true} means. */
        public static ContentSafety standard() {
            return new ContentSafety(CATEGORIES, DEFAULT_THRESHOLD);
        }

        public void check() {
            Check.size("categories", categories, 1, CATEGORIES.size());
            Check.each("categories", categories, c -> Check.oneOf("", c, CATEGORIES));
            Check.unique("categories", categories, null, "must be unique");
            Check.range("threshold", threshold, 0, MAX_THRESHOLD);
        }
    }

    /** Throws {@link InvalidInputException} for the first field that breaks its rule; keys are relative to this entry. */
    public void check() {
        Check.matches("name", name, NAME, "must be 1-40 lowercase letters, digits or '-', not starting or ending with '-'");
        if (name.equals(OpenAiBackendPool.API_ID)) {
            throw new InvalidInputException("name", "must not be the id of the gateway's Azure OpenAI API", name);
        }
        Check.matches("path", path, API_PATH, "must be lowercase path segments of letters, digits and '-', without leading '/'");
        if (overlaps(path, OPENAI_PATH)) {
            throw new InvalidInputException("path", "must not overlap the gateway's Azure OpenAI API path '" + OPENAI_PATH
                    + "' (tool path: " + path + ")", path);
        }
        Check.matches("serviceUrl", serviceUrl, HTTPS, "must be an https:// URL");
        checkBaseUrl(serviceUrl);
        Check.required("document", document);
        Check.maxLength("displayName", displayName, MAX_DISPLAY_NAME);
        Check.required("rateLimit", rateLimit);
        nested("rateLimit", rateLimit::check);
        Check.required("anonymousRateLimit", anonymousRateLimit);
        nested("anonymousRateLimit", anonymousRateLimit::check);
        if (anonymousRateLimit.looserThan(rateLimit)) {
            throw new InvalidInputException("anonymousRateLimit", "must not allow more calls per second than rateLimit ("
                    + rateLimit.calls() + " per " + rateLimit.renewalPeriod() + " s)", anonymousRateLimit);
        }
        Check.required("contentSafety", contentSafety);
        contentSafety.ifPresent(c -> nested("contentSafety", c::check));
        Check.matches("mcpPath", mcpPath, API_PATH, "must be lowercase path segments of letters, digits and '-', without leading '/'");
        if (overlaps(mcpPath, OPENAI_PATH)) {
            throw new InvalidInputException("mcpPath", "must not overlap the gateway's Azure OpenAI API path '" + OPENAI_PATH
                    + "' (MCP path: " + mcpPath + ")", mcpPath);
        }
        if (overlaps(mcpPath, path)) {
            throw new InvalidInputException("mcpPath", "must not overlap the tool API's own path '" + path + "'", mcpPath);
        }
        Check.required("operations", operations);
        Check.unique("operations", operations, null, "must be unique");
        List<String> all = documentToolNames();
        for (int i = 0; i < operations.size(); i++) {
            if (!all.contains(operations.get(i))) {
                throw new InvalidInputException("operations[" + i + "]", "must name an operation of the document (its operationId, "
                        + "or method_path for one without): " + String.join(", ", all.size() > 12 ? all.subList(0, 12) : all)
                        + (all.size() > 12 ? ", …" : ""), operations.get(i));
            }
        }
    }

    /** Tool APIs of one gateway: unique names, and paths APIM can tell apart. */
    public static void checkAll(String key, List<McpToolConfig> tools) {
        Check.required(key, tools);
        Check.each(key, tools, McpToolConfig::check);
        Check.unique(key, tools.stream().map(McpToolConfig::name).toList(), "name", "must be unique among mcpTools");
        for (int i = 0; i < tools.size(); i++) {
            for (int j = 0; j < i; j++) {
                McpToolConfig tool = tools.get(i);
                McpToolConfig other = tools.get(j);
                for (String[] mine : new String[][] {{"path", tool.path()}, {"mcpPath", tool.mcpPath()}}) {
                    for (String theirs : List.of(other.path(), other.mcpPath())) {
                        if (overlaps(mine[1], theirs)) {
                            throw new InvalidInputException(key + "[" + i + "]." + mine[0], "must not overlap the paths of mcpTools entry '"
                                    + other.name() + "' (" + other.path() + ", " + other.mcpPath() + ")", mine[1]);
                        }
                    }
                }
            }
        }
    }

    /** Two API paths overlap when one is the other or lies beneath it: APIM could not tell their requests apart. */
    public static boolean overlaps(String a, String b) {
        return a.equals(b) || a.startsWith(b + "/") || b.startsWith(a + "/");
    }

    private static void nested(String key, Runnable check) {
        try {
            check.run();
        } catch (InvalidInputException e) {
            throw e.under(key);
        }
    }

    /** The description of a tool API whose document has none. */
    public static String defaultDescription(String displayName) {
        return "The " + displayName + " API, served to agents as MCP tools through the AI gateway";
    }

    /**
     * A service URL is a base URL, and it ends up in the plan, the state and APIM's API settings:
     * a user name, password or query string there would publish a credential. Credentials belong
     * in a named value or the backend's credentials.
     */
    private static void checkBaseUrl(String serviceUrl) {
        java.net.URI uri;
        try {
            uri = new java.net.URI(serviceUrl);
        } catch (java.net.URISyntaxException e) {
            throw new InvalidInputException("serviceUrl", "must be a valid URL", serviceUrl);
        }
        if (uri.getRawUserInfo() != null) {
            throw new InvalidInputException("serviceUrl", "must not hold a user name or password: credentials in a URL end up in the plan and "
                    + "the state", redact(serviceUrl)).redacted();
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new InvalidInputException("serviceUrl", "must be a base URL without a query or fragment: a key in a query string ends up in "
                    + "the plan and the state", redact(serviceUrl)).redacted();
        }
    }

    /** The URL as a message may show it: no user information, no query. */
    private static String redact(String url) {
        return url.replaceFirst("//[^/@]*@", "//***@").replaceFirst("[?#].*$", "?***");
    }

}
