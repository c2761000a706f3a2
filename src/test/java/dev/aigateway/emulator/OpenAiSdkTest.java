package dev.aigateway.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.openai.azure.AzureOpenAIServiceVersion;
import com.openai.azure.AzureUrlPathMode;
import com.openai.azure.credential.AzureApiKeyCredential;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.errors.RateLimitException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.embeddings.CreateEmbeddingResponse;
import com.openai.models.embeddings.EmbeddingCreateParams;
import dev.aigateway.emulator.sim.Fault;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The official OpenAI Java SDK, configured for Azure as an application would be (endpoint,
 * api-key = the tenant's subscription key, deployment, api-version), against the emulated gateway.
 */
class OpenAiSdkTest extends EmulatorFixture {

    private OpenAIClient sdk(String subscription) {
        return OpenAIOkHttpClient.builder()
                .baseUrl(emulator.url())
                .credential(AzureApiKeyCredential.create(emulator.key(subscription)))
                .azureServiceVersion(AzureOpenAIServiceVersion.fromString(GatewayClient.API_VERSION))
                // The endpoint is not an Azure host name, so say which URL shape to use.
                .azureUrlPathMode(AzureUrlPathMode.LEGACY)
                // Failover is the gateway's job: a retrying client would hide whether it happened.
                .maxRetries(0)
                .timeout(Duration.ofSeconds(30))
                .build();
    }

    private static ChatCompletionCreateParams hello() {
        return ChatCompletionCreateParams.builder().model("chat").addUserMessage("hello").build();
    }

    @Test
    void aChatCompletion() {
        ChatCompletion completion = sdk("team-default").chat().completions().create(hello());
        assertThat(completion.choices()).hasSize(1);
        assertThat(completion.choices().get(0).message().content()).hasValueSatisfying(c -> assertThat(c).matches("Hello from (east|west) \\(chat\\)\\."));
        assertThat(completion.usage()).hasValueSatisfying(u -> assertThat(u.totalTokens()).isEqualTo(u.promptTokens() + u.completionTokens()));
    }

    @Test
    void aStreamedChatCompletionArrivesAsChunks() {
        List<ChatCompletionChunk> chunks;
        try (StreamResponse<ChatCompletionChunk> stream = sdk("team-default").chat().completions().createStreaming(hello())) {
            chunks = stream.stream().toList();
        }
        assertThat(chunks.size()).isGreaterThan(3);
        String text = chunks.stream().flatMap(c -> c.choices().stream()).map(c -> c.delta().content().orElse("")).collect(Collectors.joining());
        assertThat(text).matches("Hello from (east|west) \\(chat\\)\\.");
    }

    @Test
    void theSdkNeverSeesTheBackendsThrottling() {
        emulator.backend("east").fault(Fault.status(429).retryAfter(30).times(1));
        emulator.backend("west").fault(Fault.status(429).retryAfter(30).times(1));
        ChatCompletion completion = sdk("team-default").chat().completions().create(hello());
        assertThat(completion.choices().get(0).message().content()).hasValueSatisfying(c -> assertThat(c).startsWith("Hello from spare"));
    }

    @Test
    void embeddings() {
        CreateEmbeddingResponse response = sdk("team-default").embeddings().create(EmbeddingCreateParams.builder().model("embed").input("hello").build());
        assertThat(response.data()).hasSize(1);
        assertThat(response.data().get(0).embedding()).hasSize(64);
    }

    @Test
    void whenEveryBackendIsBusyTheSdkGetsA429ItCanRetryAfter() {
        for (String b : List.of("east", "west", "spare")) {
            emulator.backend(b).fault(Fault.status(429).retryAfter(9).times(1));
        }
        assertThatThrownBy(() -> sdk("team-default").chat().completions().create(hello()))
                .isInstanceOfSatisfying(RateLimitException.class, e -> assertThat(e.headers().values("Retry-After")).containsExactly("9"));
    }
}
