package dev.aigateway.emulator;

import static dev.aigateway.emulator.GatewayClient.answeredBy;
import static dev.aigateway.emulator.GatewayClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aigateway.emulator.sim.Fault;
import dev.aigateway.emulator.sim.Seen;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The gateway's request-time behaviour, executed: the stack's own rendered policies in the
 * emulator, in front of simulated backends, on the manual clock.
 */
class FailoverScenariosTest extends EmulatorFixture {
    private static final String TEAM = "team-default";

    private Map<String, Integer> answers(String deployment, int requests) throws Exception {
        Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                done.add(pool.submit(() -> {
                    HttpResponse<String> r = deployment.equals("embed")
                            ? client.post(TEAM, GatewayClient.path("embed", "embeddings"), "{\"input\":\"hello\"}")
                            : client.chat(TEAM, deployment);
                    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
                    String by = deployment.equals("embed") ? "?" : answeredBy(r);
                    counts.computeIfAbsent(by, k -> new AtomicInteger()).incrementAndGet();
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        Map<String, Integer> out = new java.util.TreeMap<>();
        counts.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }

    /** Send requests until {@code backend} has met its fault: which backend a request tries first is chosen at random. */
    private void untilSeenBy(String backend, String deployment) {
        for (int i = 0; i < 100 && seenBy(backend, deployment) == 0; i++) {
            HttpResponse<String> r = deployment.equals("embed")
                    ? client.post(TEAM, GatewayClient.path("embed", "embeddings"), "{\"input\":\"hello\"}") : client.chat(TEAM, deployment);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        }
        assertThat(seenBy(backend, deployment)).isEqualTo(1);
    }

    private int seenBy(String backend, String deployment) {
        return (int) emulator.backend(backend).requests().stream().filter(s -> deployment.equals(s.deployment())).count();
    }

    @Test
    void weightsSplitTrafficSixtyFortyAndTheFallbackGetsNone() throws Exception {
        Map<String, Integer> by = answers("chat", 10_000);
        assertThat(by.getOrDefault("east", 0)).isBetween(5_800, 6_200);
        assertThat(by.getOrDefault("west", 0)).isBetween(3_800, 4_200);
        assertThat(by.getOrDefault("spare", 0)).isZero();
    }

    @Test
    void retryAfterBenchesTheBackendForExactlyItsWait() throws Exception {
        emulator.backend("east").fault(Fault.status(429).retryAfter(20).forDeployment("chat").times(1));
        untilSeenBy("east", "chat");
        int eastBefore = seenBy("east", "chat");
        answers("chat", 40);
        emulator.advance(Duration.ofSeconds(19));
        answers("chat", 40);
        assertThat(seenBy("east", "chat")).as("east is out of rotation for its 20 s").isEqualTo(eastBefore);
        emulator.advance(Duration.ofSeconds(2));
        answers("chat", 40);
        assertThat(seenBy("east", "chat")).as("east is back after 20 s").isGreaterThan(eastBefore);
    }

    @Test
    void retryAfterMsAloneBenchesTheBackendToo() throws Exception {
        emulator.backend("east").fault(Fault.status(429).retryAfterMs(30_000).forDeployment("chat").times(1));
        untilSeenBy("east", "chat");
        int eastBefore = seenBy("east", "chat");
        emulator.advance(Duration.ofSeconds(15)); // past throttleSeconds (10), within the 30 s asked for
        answers("chat", 40);
        assertThat(seenBy("east", "chat")).isEqualTo(eastBefore);
        emulator.advance(Duration.ofSeconds(16));
        answers("chat", 40);
        assertThat(seenBy("east", "chat")).isGreaterThan(eastBefore);
    }

    @Test
    void retryAfterZeroDoesNotBenchAndAnHttpDateIsHonoured() throws Exception {
        emulator.backend("east").fault(Fault.status(429).retryAfter("0").forDeployment("chat").times(1));
        untilSeenBy("east", "chat");
        int eastBefore = seenBy("east", "chat");
        answers("chat", 40);
        assertThat(seenBy("east", "chat")).as("Retry-After: 0 asks for no wait").isGreaterThan(eastBefore);

        emulator.reset();
        String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(emulator.now().plusSeconds(30).atOffset(ZoneOffset.UTC));
        emulator.backend("east").fault(Fault.status(429).retryAfter(date).forDeployment("chat").times(1));
        untilSeenBy("east", "chat");
        eastBefore = seenBy("east", "chat");
        emulator.advance(Duration.ofSeconds(20));
        answers("chat", 40);
        assertThat(seenBy("east", "chat")).as("benched until " + date).isEqualTo(eastBefore);
        emulator.advance(Duration.ofSeconds(11));
        answers("chat", 40);
        assertThat(seenBy("east", "chat")).isGreaterThan(eastBefore);
    }

    @Test
    void everyBackendBusyGivesA429WithTheSoonestRetryAfter() {
        emulator.backend("east").fault(Fault.status(429).retryAfter(30).times(1));
        emulator.backend("west").fault(Fault.status(429).retryAfter(12).times(1));
        emulator.backend("spare").fault(Fault.status(429).retryAfter(20).times(1));
        HttpResponse<String> r = client.chat(TEAM, "chat");
        assertThat(r.statusCode()).isEqualTo(429);
        assertThat(r.headers().firstValue("Retry-After")).contains("12");
        assertThat(json(r).path("error").path("code").asText()).isEqualTo("429");
    }

    @Test
    void everyBackendFailingWithServerErrorsIsA503NotABusy429() {
        for (String b : List.of("east", "west", "spare")) {
            emulator.backend(b).fault(Fault.status(503).times(1));
        }
        HttpResponse<String> r = client.chat(TEAM, "chat");
        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(r.headers().firstValue("Retry-After")).isPresent();
    }

    @Test
    void aThrottledDeploymentLeavesTheAccountsOtherDeploymentsInRotation() throws Exception {
        emulator.backend("east").fault(Fault.status(429).retryAfter(60).forDeployment("chat").times(1));
        untilSeenBy("east", "chat");
        answers("embed", 100);
        assertThat(seenBy("east", "embed")).as("east still serves embeddings").isBetween(45, 75);
        answers("chat", 40);
        assertThat(seenBy("east", "chat")).as("but not chat").isEqualTo(1);
    }

    @Test
    void aMissingDeploymentFailsOverInsteadOfReachingTheClient() {
        emulator.backend("east").fault(Fault.deploymentNotFound().forDeployment("chat"));
        emulator.backend("west").fault(Fault.deploymentNotFound().forDeployment("chat"));
        HttpResponse<String> r = client.chat(TEAM, "chat");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(answeredBy(r)).isEqualTo("spare");
    }

    @Test
    void theRequestBodyReachesTheSecondAndThirdBackendByteIdentical() {
        emulator.backend("east").fault(Fault.status(429).retryAfter(5).times(1));
        emulator.backend("west").fault(Fault.status(500).times(1));
        String body = "{ \"messages\" : [ {\"role\":\"user\", \"content\":\"h\u00e9llo \u2603 \\u00e9\"} ],\n  \"temperature\": 0.25 }";
        HttpResponse<String> r = client.post(TEAM, GatewayClient.path("chat", "chat/completions"), body);
        assertThat(r.statusCode()).isEqualTo(200);
        List<Seen> seen = new ArrayList<>();
        for (String b : List.of("east", "west", "spare")) {
            seen.addAll(emulator.backend(b).requests());
        }
        assertThat(seen).hasSize(3).allSatisfy(s -> assertThat(s.body()).isEqualTo(body.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void streamedEventsReachTheClientAsTheBackendSendsThem() throws Exception {
        for (String b : List.of("east", "west")) {
            emulator.backend(b).fault(Fault.slowStream(Duration.ofMillis(200)));
        }
        HttpResponse<InputStream> r = client.stream(TEAM, "chat");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
        try (BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
            String first = in.readLine();
            long firstArrived = System.nanoTime();
            assertThat(first).startsWith("data: {");
            List<String> rest = in.lines().toList();
            assertThat(rest).contains("data: [DONE]");
            List<Long> sent = emulator.backend("east").requests().isEmpty() ? emulator.backend("west").lastStreamEventTimes()
                    : emulator.backend("east").lastStreamEventTimes();
            assertThat(sent.size()).isGreaterThan(2);
            assertThat(firstArrived).as("the first event arrived before the backend wrote its second").isLessThan(sent.get(1));
        }
    }

    @Test
    void aStreamedRequestFailsOverOnA429BeforeItsFirstEvent() throws Exception {
        emulator.backend("east").fault(Fault.status(429).retryAfter(10).times(1));
        emulator.backend("west").fault(Fault.status(429).retryAfter(10).times(1));
        HttpResponse<InputStream> r = client.stream(TEAM, "chat");
        assertThat(r.statusCode()).isEqualTo(200);
        String all = new String(r.body().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(all).contains("spare").endsWith("data: [DONE]\n\n");
    }

    @Test
    void aTenantOverItsTokensPerMinuteGets429WithRetryAfterAndItsHeaders() {
        int ok = 0;
        HttpResponse<String> r;
        do {
            r = client.chat("small-default", "chat");
            ok += r.statusCode() == 200 ? 1 : 0;
        } while (r.statusCode() == 200 && ok < 100);
        assertThat(ok).isEqualTo(10); // 6 tokens a request, 60 a minute
        assertThat(r.statusCode()).isEqualTo(429);
        assertThat(r.headers().firstValue("Retry-After")).isPresent();
        assertThat(r.headers().firstValue("x-tenant-remaining-tokens")).contains("0");
        assertThat(json(r).path("message").asText()).contains("Token limit");
        emulator.advance(Duration.ofSeconds(61));
        assertThat(client.chat("small-default", "chat").statusCode()).isEqualTo(200);
    }

    @Test
    void aTenantOverItsQuotaGets403WithTheQuotaMessage() {
        for (int i = 0; i < 10; i++) {
            assertThat(client.chat("capped-default", "chat").statusCode()).isEqualTo(200);
        }
        emulator.advance(Duration.ofSeconds(61));
        for (int i = 0; i < 5; i++) {
            assertThat(client.chat("capped-default", "chat").statusCode()).isEqualTo(200);
        }
        HttpResponse<String> r = client.chat("capped-default", "chat");
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(json(r).path("message").asText()).contains("quota");
        assertThat(r.headers().firstValue("Retry-After")).isPresent();
    }

    @Test
    void aSubscriptionOutsideEveryTenantProductIsRefused() {
        HttpResponse<String> r = client.chat("master", "chat");
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(json(r).path("error").path("code").asText()).isEqualTo("NoTenant");
        assertThat(emulator.backends().values()).allSatisfy(b -> assertThat(b.requests()).isEmpty());
    }

    @Test
    void theTokenMetricIsRecordedOncePerRequestAlsoWhenFailedOver() {
        emulator.backend("east").fault(Fault.status(429).retryAfter(5).times(1));
        emulator.backend("west").fault(Fault.status(429).retryAfter(5).times(1));
        HttpResponse<String> r = client.chat(TEAM, "chat");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode metrics = emulator.metrics();
        assertThat(metrics).hasSize(3);
        for (JsonNode m : metrics) {
            assertThat(m.path("namespace").asText()).isEqualTo("ai-gateway");
            assertThat(m.path("dimensions").path("Tenant").asText()).isEqualTo("team");
            assertThat(m.path("dimensions").path("API").asText()).isEqualTo("azure-openai");
            assertThat(m.path("dimensions").path("Subscription").asText()).isEqualTo(TEAM);
            assertThat(m.path("dimensions").path("Model").asText()).isEqualTo("chat");
        }
        assertThat(metrics.findValuesAsText("name")).containsExactly("Total Tokens", "Prompt Tokens", "Completion Tokens");
        assertThat(metrics.get(0).path("value").asDouble()).isEqualTo(json(r).path("usage").path("total_tokens").asDouble());
    }

    @Test
    void aCacheReadThatYieldsNullDoesNotFailRequests() {
        emulator.cacheFailure("null");
        HttpResponse<String> r = client.chat(TEAM, "chat");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        emulator.cacheFailure("miss");
        assertThat(client.chat(TEAM, "chat").statusCode()).isEqualTo(200);
    }

    @Test
    void errorsNeverShowABackendUrlOrAnExceptionText() {
        List<HttpResponse<String>> errors = new ArrayList<>();
        for (String b : List.of("east", "west", "spare")) {
            emulator.backend(b).fault(Fault.status(503).times(1));
        }
        errors.add(client.chat(TEAM, "chat"));
        emulator.reset();
        for (String b : List.of("east", "west", "spare")) {
            emulator.backend(b).fault(Fault.status(429).retryAfter(7).times(1));
        }
        errors.add(client.chat(TEAM, "chat"));
        errors.add(client.post(TEAM, "/openai/deployments/chat/nonsense", "{}"));
        errors.add(client.chat(null, "chat"));
        errors.add(client.send(client.request(TEAM, GatewayClient.path("chat", "chat/completions")).header("api-key", "wrong")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build()));
        assertThat(errors).allSatisfy(r -> {
            assertThat(r.statusCode()).isGreaterThanOrEqualTo(400);
            assertThat(r.body()).doesNotContain("127.0.0.1", "azure.com", "Exception", "east", "west", "spare");
            assertThat(r.headers().map().toString()).doesNotContain("127.0.0.1", "azure.com");
        });
    }

    @Test
    void anUnknownPathIsTheGatewaysOwn404() {
        assertThat(client.post(TEAM, "/nothing/here", "{}").statusCode()).isEqualTo(404);
        assertThat(IntStream.range(0, 3).map(i -> client.post(TEAM, "/openai/deployments/chat/nonsense", "{}").statusCode()).distinct().toArray())
                .containsExactly(404);
    }
}
