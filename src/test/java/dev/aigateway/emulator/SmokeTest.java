package dev.aigateway.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aigateway.config.GatewayConfig;
import dev.aigateway.testing.StackFiles;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

class SmokeTest {
    @Test
    void devStackAnswers() throws Exception {
        try (Emulator em = Emulator.start(GatewayConfig.fromStackFile(StackFiles.project("dev")), EmulatorOptions.defaults().manualClock().log(System.out::println))) {
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(em.url() + "/openai/deployments/gpt-4o-mini/chat/completions?api-version=2024-02-01"))
                    .header("api-key", em.key("platform-dev-default")).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"messages\":[{\"role\":\"user\",\"content\":\"hi there\"}]}")).build(), HttpResponse.BodyHandlers.ofString());
            System.out.println(r.statusCode() + " " + r.headers().map() + " " + r.body());
            System.out.println(em.metrics());
            assertThat(r.statusCode()).isEqualTo(200);
        }
    }
}
