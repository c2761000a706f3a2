package dev.aigateway.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A client of the emulated gateway, as an Azure OpenAI SDK would call it. */
final class GatewayClient {
    static final String API_VERSION = "2024-02-01";
    static final String HELLO = "{\"messages\":[{\"role\":\"user\",\"content\":\"hello\"}]}";
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Emulator emulator;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

    GatewayClient(Emulator emulator) {
        this.emulator = emulator;
    }

    HttpRequest.Builder request(String subscription, String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(emulator.url() + path)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json");
        return subscription == null ? b : b.header("api-key", emulator.key(subscription));
    }

    static String path(String deployment, String operation) {
        return "/openai/deployments/" + deployment + "/" + operation + "?api-version=" + API_VERSION;
    }

    HttpResponse<String> post(String subscription, String path, String body) {
        return send(request(subscription, path).POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    HttpResponse<String> chat(String subscription, String deployment) {
        return post(subscription, path(deployment, "chat/completions"), HELLO);
    }

    HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpResponse<InputStream> stream(String subscription, String deployment) {
        try {
            return http.send(request(subscription, path(deployment, "chat/completions"))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"messages\":[{\"role\":\"user\",\"content\":\"hello\"}],\"stream\":true}")).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Which backend answered: the simulators name themselves in their reply. */
    static String answeredBy(HttpResponse<String> response) {
        String content = json(response).path("choices").path(0).path("message").path("content").asText();
        return content.replaceAll("^Hello from (\\S+) .*$", "$1");
    }
}
