package dev.aigateway.mcp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.swagger.parser.OpenAPIParser;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.util.List;

/**
 * An OpenAPI 3.x or Swagger 2.0 document, as text and as read by swagger-parser (Swagger 2.0 is
 * converted to OpenAPI 3 on reading), with the APIM import format that matches it.
 *
 * @param content the document as written, for inline import
 * @param link    the URL it came from, for link import; null for a file
 * @param api     the parsed document
 */
public record OpenApiDocument(String content, String link, OpenAPI api, boolean swagger2, boolean json) {

    /** Thrown with a one-line reason when a document cannot be used. */
    public static final class UnusableException extends RuntimeException {
        public UnusableException(String message) {
            super(message);
        }
    }

    /**
     * Read a local document as a stack file's {@code openApi} does: a Swagger 2.0 YAML file as JSON,
     * and every operation given an operationId its MCP tool can name (see {@link McpTools#importable}).
     * Throws {@link java.io.UncheckedIOException} when the file cannot be read, and
     * {@link UnusableException} when it is no usable document.
     */
    public static OpenApiDocument load(java.nio.file.Path file) {
        try {
            return McpTools.importable(read(java.nio.file.Files.readString(file, java.nio.charset.StandardCharsets.UTF_8), null));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot read the OpenAPI document " + file, e);
        }
    }

    /** Read a document; {@code link} is its URL when it was fetched, else null. */
    public static OpenApiDocument read(String content, String link) {
        String trimmed = content.stripLeading();
        try {
            com.fasterxml.jackson.databind.JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(content);
            if (root == null || !root.isObject() || !(root.has("openapi") || root.has("swagger"))) {
                throw new UnusableException("is not an OpenAPI or Swagger document (no 'openapi' or 'swagger' version field)");
            }
        } catch (JsonProcessingException e) {
            throw new UnusableException("is not readable JSON or YAML");
        }
        boolean json = trimmed.startsWith("{");
        boolean swagger2 = trimmed.matches("(?s).*[\"']?swagger[\"']?\\s*:\\s*[\"']?2\\.0.*");
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult result = new OpenAPIParser().readContents(content, null, options);
        OpenAPI api = result.getOpenAPI();
        if (api == null) {
            List<String> messages = result.getMessages();
            throw new UnusableException("is not a readable OpenAPI or Swagger document"
                    + (messages == null || messages.isEmpty() ? "" : ": " + messages.get(0)));
        }
        if (api.getPaths() == null || api.getPaths().isEmpty()) {
            throw new UnusableException("has no operations");
        }
        if (swagger2 && !json && link == null) {
            // APIM imports Swagger 2.0 only as JSON.
            try {
                ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
                content = new ObjectMapper().writeValueAsString(yaml.readTree(content));
                json = true;
            } catch (JsonProcessingException e) {
                throw new UnusableException("is not a readable Swagger 2.0 document");
            }
        }
        return new OpenApiDocument(content, link, api, swagger2, json);
    }

    /**
     * The APIM import format (API version 2022-08-01): inline documents as they are written, or the
     * link formats when APIM should fetch the document itself.
     */
    public String importFormat() {
        if (link != null) {
            return swagger2 ? "swagger-link-json" : json ? "openapi+json-link" : "openapi-link";
        }
        return swagger2 ? "swagger-json" : json ? "openapi+json" : "openapi";
    }

    /** The text APIM imports: the document itself, or its URL. */
    public String importValue() {
        return link != null ? link : content;
    }

    public String title() {
        return api.getInfo() == null || api.getInfo().getTitle() == null ? null : api.getInfo().getTitle();
    }

    public String description() {
        return api.getInfo() == null ? null : api.getInfo().getDescription();
    }

    public String version() {
        return api.getInfo() == null || api.getInfo().getVersion() == null ? "" : api.getInfo().getVersion();
    }
}
