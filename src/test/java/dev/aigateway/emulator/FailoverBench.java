package dev.aigateway.emulator;

import dev.aigateway.config.GatewayConfig;
import dev.aigateway.emulator.sim.Fault;
import dev.aigateway.emulator.sim.OpenAiSimulator;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * bench/failover: requests through the emulated gateway while every backend but one plays random
 * faults (429 with random waits, 503, hangs past the timeout, refused connections), the healthy
 * one changing from phase to phase; then a fault-free run for the weights and the gateway's added
 * latency over calling a simulator directly. Not a test: it measures and prints.
 *   args: [faulted requests (10000)] [clean requests (4000)] [client threads (8)] [seed (7)]
 */
public final class FailoverBench {
    private static final String STACK = """
            config:
              azure-native:location: swedencentral
              ai-gateway:gateway:
                publisherEmail: bench@example.com
                publisherName: Failover Bench
                throttleSeconds: 2
                backendTimeoutSeconds: 1
              ai-gateway:backends:
                - { name: alpha, location: swedencentral, priority: 1, weight: 50, deployments: [ { name: chat, model: gpt-4o, version: "2024-11-20", sku: GlobalStandard, capacity: 10 } ] }
                - { name: beta, location: francecentral, priority: 1, weight: 30, deployments: [ { name: chat, model: gpt-4o, version: "2024-11-20", sku: GlobalStandard, capacity: 10 } ] }
                - { name: gamma, location: germanywestcentral, priority: 1, weight: 20, deployments: [ { name: chat, model: gpt-4o, version: "2024-11-20", sku: GlobalStandard, capacity: 10 } ] }
                - { name: delta, location: norwayeast, priority: 2, weight: 100, deployments: [ { name: chat, model: gpt-4o, version: "2024-11-20", sku: GlobalStandard, capacity: 10 } ] }
              ai-gateway:tenants:
                - { name: bench, tokensPerMinute: 100000000 }
            """;
    private static final Map<Integer, AtomicInteger> ERRORS = new ConcurrentHashMap<>();
    private static final String BODY = "{\"messages\":[{\"role\":\"user\",\"content\":\"hello\"}]}";

    public static void main(String[] args) throws Exception {
        int faulted = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int clean = args.length > 1 ? Integer.parseInt(args[1]) : 4_000;
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 8;
        Random random = new Random(args.length > 3 ? Long.parseLong(args[3]) : 7);
        Path dir = Files.createTempDirectory("aigw-bench");
        Path stack = Files.writeString(dir.resolve("Pulumi.bench.yaml"), STACK);
        try (Emulator emulator = Emulator.start(GatewayConfig.fromStackFile(stack), EmulatorOptions.defaults())) {
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            String key = emulator.key("bench-default");
            List<String> names = new ArrayList<>(emulator.backends().keySet());
            int phases = 10;
            AtomicInteger errors = new AtomicInteger();
            Map<String, AtomicInteger> byBackend = new ConcurrentHashMap<>();
            Map<String, AtomicInteger> faults = new TreeMap<>();
            long start = System.nanoTime();
            for (int phase = 0; phase < phases; phase++) {
                String healthy = names.get(phase % names.size());
                for (OpenAiSimulator sim : emulator.backends().values()) {
                    sim.clearFaults();
                }
                // The backend that is healthy from now on was faulty before: its bench must pass first.
                Thread.sleep(3_200);
                for (OpenAiSimulator sim : emulator.backends().values()) {
                    if (sim.name().equals(healthy)) {
                        continue;
                    }
                    int kind = random.nextInt(4);
                    Fault f = switch (kind) {
                        case 0 -> Fault.status(429).retryAfter(1 + random.nextInt(3)).times(20 + random.nextInt(60));
                        case 1 -> Fault.status(503).times(20 + random.nextInt(60));
                        case 2 -> Fault.hang(Duration.ofSeconds(2)).times(2 + random.nextInt(4));
                        default -> Fault.refuse();
                    };
                    faults.computeIfAbsent(f.kind() + (f.status() == null ? "" : " " + f.status()), k -> new AtomicInteger()).incrementAndGet();
                    sim.fault(f);
                }
                run(http, emulator.url(), key, faulted / phases, threads, null, errors, byBackend);
            }
            double faultedSeconds = (System.nanoTime() - start) / 1e9 - phases * 3.2;
            for (OpenAiSimulator sim : emulator.backends().values()) {
                sim.clearFaults();
            }
            Thread.sleep(2500); // let the benches of the last phase pass
            Map<String, AtomicInteger> cleanBy = new ConcurrentHashMap<>();
            List<Long> gateway = Collections.synchronizedList(new ArrayList<>());
            AtomicInteger cleanErrors = new AtomicInteger();
            long cleanStart = System.nanoTime();
            run(http, emulator.url(), key, clean, threads, null, cleanErrors, cleanBy);
            double cleanSeconds = (System.nanoTime() - cleanStart) / 1e9;
            // Latency one request at a time: what the gateway adds to each call, not queueing.
            run(http, emulator.url(), key, 1000, 1, gateway, cleanErrors, new ConcurrentHashMap<>());
            OpenAiSimulator direct = emulator.backend("alpha");
            List<Long> simulator = Collections.synchronizedList(new ArrayList<>());
            runDirect(http, direct.url(), 1000, 1, simulator);

            System.out.printf("faulted run: %d requests in %.1f s, %d threads, %d phases (faults played: %s)%n", faulted, faultedSeconds,
                    threads, phases, faults);
            System.out.printf("client-visible errors while at least one backend was healthy: %d %s%n", errors.get(), ERRORS);
            System.out.printf("fault-free run: %d requests in %.1f s (%.0f requests/s), %d errors%n", clean, cleanSeconds, clean / cleanSeconds, cleanErrors.get());
            System.out.printf("%-8s %8s %8s %10s%n", "backend", "weight", "share", "requests");
            Map<String, Integer> weights = Map.of("alpha", 50, "beta", 30, "gamma", 20, "delta", 0);
            for (String n : names) {
                int got = cleanBy.getOrDefault(n, new AtomicInteger()).get();
                System.out.printf("%-8s %7d%% %7.1f%% %10d%n", n, weights.get(n), 100.0 * got / clean, got);
            }
            long[] g = percentiles(gateway);
            long[] d = percentiles(simulator);
            System.out.printf("latency, one request at a time (ms)   p50    p99%n");
            System.out.printf("gateway                             %6.2f %6.2f%n", g[0] / 1e6, g[1] / 1e6);
            System.out.printf("simulator directly                  %6.2f %6.2f%n", d[0] / 1e6, d[1] / 1e6);
            System.out.printf("added by the gateway                %6.2f %6.2f%n", (g[0] - d[0]) / 1e6, (g[1] - d[1]) / 1e6);
        }
    }

    private static long[] percentiles(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return new long[] {sorted.get(sorted.size() / 2), sorted.get((int) Math.min(sorted.size() - 1, Math.round(sorted.size() * 0.99)))};
    }

    private static void run(HttpClient http, String url, String key, int requests, int threads, List<Long> latencies, AtomicInteger errors,
            Map<String, AtomicInteger> byBackend) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url + "/openai/deployments/chat/chat/completions?api-version=2024-02-01"))
                .header("api-key", key).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(BODY)).build();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> done = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            done.add(pool.submit(() -> {
                long t = System.nanoTime();
                HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
                if (latencies != null) {
                    latencies.add(System.nanoTime() - t);
                }
                if (r.statusCode() != 200) {
                    if (errors.incrementAndGet() <= 3) {
                        System.err.println("error " + r.statusCode() + ": " + r.body().replaceAll("\\s+", " "));
                    }
                    ERRORS.computeIfAbsent(r.statusCode(), k -> new AtomicInteger()).incrementAndGet();
                } else {
                    byBackend.computeIfAbsent(r.body().replaceAll("(?s).*Hello from (\\w+) .*", "$1"), k -> new AtomicInteger()).incrementAndGet();
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
    }

    private static void runDirect(HttpClient http, String url, int requests, int threads, List<Long> latencies) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url + "/openai/deployments/chat/chat/completions?api-version=2024-02-01"))
                .header("Authorization", "Bearer " + Emulator.TOKEN_PREFIX + OpenAiSimulator.RESOURCE)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(BODY)).build();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> done = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            done.add(pool.submit(() -> {
                long t = System.nanoTime();
                http.send(request, HttpResponse.BodyHandlers.discarding());
                latencies.add(System.nanoTime() - t);
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
    }
}
