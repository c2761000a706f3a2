package dev.aigateway.emulator;

import static dev.aigateway.emulator.GatewayClient.answeredBy;
import static dev.aigateway.emulator.GatewayClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.openai.azure.AzureUrlPathMode;
import com.openai.azure.credential.AzureApiKeyCredential;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseStreamEvent;
import dev.aigateway.emulator.sim.Fault;
import dev.aigateway.testing.StackFiles;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Routing by model with the production stack: a PTU account in the home region serves chat,
 * mini and embed; two pay-as-you-go accounts and a shared existing one serve only chat, as spillover.
 */
class ModelRoutingScenariosTest extends EmulatorFixture {
    private static final String CONTOSO = "contoso-web";

    @Override
    protected Path stack() {
        return StackFiles.project("prod");
    }

    private Map<String, Integer> chats(int n) {
        Map<String, Integer> by = new TreeMap<>();
        for (int i = 0; i < n; i++) {
            HttpResponse<String> r = client.chat(CONTOSO, "chat");
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            by.merge(answeredBy(r), 1, Integer::sum);
        }
        return by;
    }

    private long seen(String backend, String deployment) {
        return emulator.backend(backend).requests().stream().filter(s -> deployment.equals(s.deployment())).count();
    }

    @Test
    void chatGoesToThePtuAccountAndSpillsToPayAsYouGoByWeightWhenItIsBusy() {
        assertThat(chats(50)).containsOnlyKeys("swedencentral");
        emulator.backend("swedencentral").fault(Fault.status(429).retryAfter(60).forDeployment("chat").times(1));
        Map<String, Integer> spill = chats(600);
        assertThat(spill).containsOnlyKeys("francecentral", "germanywestcentral");
        assertThat(spill.get("francecentral")).isBetween(320, 400); // 60 % of 600
        assertThat(seen("eastus-shared", "chat")).isZero();
        emulator.advance(Duration.ofSeconds(61));
        assertThat(chats(20)).containsOnlyKeys("swedencentral");
    }

    @Test
    void embedAndMiniStayOnTheOnlyAccountThatServesThemWhileItsChatIsThrottled() {
        emulator.backend("swedencentral").fault(Fault.status(429).retryAfter(60).forDeployment("chat").times(1));
        assertThat(chats(5)).doesNotContainKey("swedencentral");
        for (int i = 0; i < 20; i++) {
            assertThat(client.chat(CONTOSO, "mini").statusCode()).isEqualTo(200);
            assertThat(client.post(CONTOSO, GatewayClient.path("embed", "embeddings"), "{\"input\":\"hello\"}").statusCode()).isEqualTo(200);
        }
        assertThat(seen("swedencentral", "mini")).isEqualTo(20);
        assertThat(seen("swedencentral", "embed")).isEqualTo(20);
        for (String payg : List.of("francecentral", "germanywestcentral", "eastus-shared")) {
            assertThat(emulator.backend(payg).requests()).allSatisfy(s -> assertThat(s.deployment()).isEqualTo("chat"));
        }
    }

    @Test
    void embedThrottledOnItsOnlyBackendGivesThatBackendsRetryAfter() {
        emulator.backend("swedencentral").fault(Fault.status(429).retryAfter(25).forDeployment("embed").times(1));
        HttpResponse<String> r = client.post(CONTOSO, GatewayClient.path("embed", "embeddings"), "{\"input\":\"hello\"}");
        assertThat(r.statusCode()).isEqualTo(429);
        assertThat(r.headers().firstValue("Retry-After")).contains("25");
        assertThat(client.chat(CONTOSO, "chat").statusCode()).isEqualTo(200);
    }

    @Test
    void chatBusyEverywhereGivesTheSoonestRetryAfterAmongTheBackendsServingIt() {
        Map<String, Integer> retryAfter = Map.of("swedencentral", 40, "francecentral", 20, "germanywestcentral", 30, "eastus-shared", 50);
        retryAfter.forEach((b, s) -> emulator.backend(b).fault(Fault.status(429).retryAfter(s).forDeployment("chat").times(1)));
        HttpResponse<String> r = client.chat(CONTOSO, "chat");
        assertThat(r.statusCode()).isEqualTo(429);
        assertThat(r.headers().firstValue("Retry-After")).contains("20");
        assertThat(retryAfter.keySet()).allSatisfy(b -> assertThat(seen(b, "chat")).isEqualTo(1));
        // The embeddings' only backend was never throttled for them.
        assertThat(client.post(CONTOSO, GatewayClient.path("embed", "embeddings"), "{\"input\":\"hello\"}").statusCode()).isEqualTo(200);
    }

    @Test
    void aDeploymentNoBackendServesIsTheGateways404AndNoBackendIsCalled() {
        HttpResponse<String> r = client.chat(CONTOSO, "gpt-9");
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(json(r).path("error").path("code").asText()).isEqualTo("DeploymentNotFound");
        assertThat(json(r).path("error").path("message").asText()).contains("'gpt-9'");
        assertThat(emulator.backends().values()).allSatisfy(b -> assertThat(b.requests()).isEmpty());
    }

    @Test
    void aTenantLimitedToSomeDeploymentsIsRefusedTheOthersBeforeAnyBackend() {
        HttpResponse<String> allowed = client.chat("fabrikam-default", "mini");
        assertThat(allowed.statusCode()).isEqualTo(200);
        HttpResponse<String> r = client.post("fabrikam-default", GatewayClient.path("embed", "embeddings"), "{\"input\":\"hello\"}");
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(json(r).path("error").path("code").asText()).isEqualTo("DeploymentNotAllowed");
        assertThat(json(r).path("error").path("message").asText()).contains("'embed'");
        assertThat(seen("swedencentral", "embed")).isZero();
        // The product's token limit ran first: the refused request's prompt estimate was counted.
        assertThat(Long.parseLong(r.headers().firstValue("x-tenant-remaining-tokens").orElseThrow()))
                .isLessThan(Long.parseLong(allowed.headers().firstValue("x-tenant-remaining-tokens").orElseThrow()));
    }

    @Test
    void theV1ApiRoutesByTheModelInTheBody() {
        HttpResponse<String> r = client.post(CONTOSO, "/openai/v1/chat/completions", "{\"model\":\"mini\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(answeredBy(r)).isEqualTo("swedencentral");
        assertThat(seen("swedencentral", "mini")).isEqualTo(1);
        assertThat(client.post(CONTOSO, "/openai/v1/chat/completions", "{\"model\":\"gpt-9\",\"messages\":[]}").statusCode()).isEqualTo(404);
        JsonNodeAssert.metricsName(emulator, "mini");
    }

    private OpenAIClient v1(String subscription) {
        return OpenAIOkHttpClient.builder()
                .baseUrl(emulator.url() + "/openai/v1")
                .credential(AzureApiKeyCredential.create(emulator.key(subscription)))
                .azureUrlPathMode(AzureUrlPathMode.UNIFIED)
                .maxRetries(0)
                .timeout(Duration.ofSeconds(30))
                .build();
    }

    @Test
    void theSdkOnTheV1BaseUrlChatsStreamsAndCreatesResponses() {
        OpenAIClient sdk = v1(CONTOSO);
        ChatCompletion chat = sdk.chat().completions().create(ChatCompletionCreateParams.builder().model("chat").addUserMessage("hello").build());
        assertThat(chat.choices().get(0).message().content()).hasValue("Hello from swedencentral (chat).");
        String streamed;
        try (StreamResponse<ChatCompletionChunk> s = sdk.chat().completions().createStreaming(
                ChatCompletionCreateParams.builder().model("mini").addUserMessage("hello").build())) {
            streamed = s.stream().flatMap(c -> c.choices().stream()).map(c -> c.delta().content().orElse("")).collect(Collectors.joining());
        }
        assertThat(streamed).isEqualTo("Hello from swedencentral (mini).");
        Response response = sdk.responses().create(ResponseCreateParams.builder().model("chat").input("hello").build());
        assertThat(response.id()).startsWith("resp_swedencentral_");
        String text;
        try (StreamResponse<ResponseStreamEvent> s = sdk.responses().createStreaming(ResponseCreateParams.builder().model("chat").input("hi").build())) {
            text = s.stream().filter(ResponseStreamEvent::isOutputTextDelta).map(e -> e.asOutputTextDelta().delta()).collect(Collectors.joining());
        }
        assertThat(text).isEqualTo("Hello from swedencentral (chat).");
    }

    @Test
    void aResponseThatContinuesAnotherReachesTheBackendThatCreatedIt() {
        OpenAIClient sdk = v1(CONTOSO);
        // The PTU account is busy, so the first response is created on a pay-as-you-go account.
        emulator.backend("swedencentral").fault(Fault.status(429).retryAfter(30).forDeployment("chat").times(1));
        Response first = sdk.responses().create(ResponseCreateParams.builder().model("chat").input("hello").build());
        String creator = first.id().startsWith("resp_francecentral") ? "francecentral" : "germanywestcentral";
        assertThat(first.id()).doesNotStartWith("resp_swedencentral");
        // Once the PTU account is back it takes new chats, but the follow-up goes where the first one lives.
        emulator.advance(Duration.ofSeconds(31));
        Response next = sdk.responses().create(ResponseCreateParams.builder().model("chat").input("and then?").previousResponseId(first.id()).build());
        assertThat(next.id()).startsWith("resp_" + creator);
        assertThat(next.previousResponseId()).hasValue(first.id());
        assertThat(emulator.backend("swedencentral").requests()).filteredOn(s -> s.bodyText().contains("previous_response_id")).isEmpty();
    }

    @Test
    void withoutARecordOfItsCreatorAContinuingResponseFindsItAmongTheCandidates() {
        OpenAIClient sdk = v1(CONTOSO);
        emulator.backend("swedencentral").fault(Fault.status(429).retryAfter(30).forDeployment("chat").times(1));
        String id;
        // A streamed response is not read by the gateway, so where it was created is not recorded.
        try (StreamResponse<ResponseStreamEvent> s = sdk.responses().createStreaming(ResponseCreateParams.builder().model("chat").input("hi").build())) {
            id = s.stream().filter(ResponseStreamEvent::isCompleted).map(e -> e.asCompleted().response().id()).findFirst().orElseThrow();
        }
        emulator.advance(Duration.ofSeconds(31));
        Response next = sdk.responses().create(ResponseCreateParams.builder().model("chat").input("more").previousResponseId(id).build());
        assertThat(next.id().replaceAll("_\\d+$", "")).isEqualTo(id.replaceAll("_\\d+$", ""));
        // The backends that do not hold it said so and were not benched: the PTU account still serves chat.
        assertThat(chats(5)).containsOnlyKeys("swedencentral");
    }

    /** Small helpers on the emulator's metrics. */
    static final class JsonNodeAssert {
        static void metricsName(Emulator emulator, String model) {
            assertThat(emulator.metrics().findValuesAsText("Model")).contains(model);
        }
    }
}
