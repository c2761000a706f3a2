package dev.aigateway.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aigateway.config.GatewayConfig;
import dev.aigateway.emulator.sim.ContentSafetySimulator;
import dev.aigateway.emulator.sim.EchoSimulator;
import dev.aigateway.emulator.sim.OpenAiSimulator;
import dev.aigateway.emulator.sim.SimulatedService;
import dev.aigateway.lint.compile.Toolchain;
import dev.aigateway.plan.Plan;
import dev.aigateway.plan.PlanRunner;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A stack's gateway running locally: the rendered policies of its plan executed by a Mono
 * process on 127.0.0.1, in front of simulated Azure OpenAI accounts, Content Safety and tool APIs
 * (or the URLs given instead). Tests and the {@code serve} command drive it the same way.
 */
public final class Emulator implements AutoCloseable {
    static final String TOKEN_PREFIX = "emulated-managed-identity-token:";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final StackModel model;
    private final Path dir;
    private final Process process;
    private final int port;
    private final Map<String, OpenAiSimulator> openAi = new LinkedHashMap<>();
    private final Map<String, EchoSimulator> tools = new LinkedHashMap<>();
    private final ContentSafetySimulator contentSafety;
    private final List<SimulatedService> services = new ArrayList<>();
    private final List<String> log = Collections.synchronizedList(new ArrayList<>());
    private final HttpClient control = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Emulator(GatewayConfig config, Plan plan, EmulatorOptions options) throws IOException {
        Toolchain toolchain = Toolchain.find().orElseThrow(() -> new IllegalStateException("the emulator needs Mono: " + Toolchain.installHint()));
        String mono = toolchain.mono().orElseThrow(() -> new IllegalStateException("the emulator needs Mono's runtime (mono-runtime)"));
        if (!plan.lint().ok()) {
            throw new IllegalStateException("the stack's policies do not pass the lint: " + plan.lint().problems().get(0));
        }
        this.model = new StackModel(config, plan, options.seed());
        String tokenPrefix = options.token() != null ? options.token() : TOKEN_PREFIX;
        Map<String, String> rewrites = new LinkedHashMap<>();
        try {
            for (StackModel.OpenAiTarget t : model.openAi) {
                String override = options.backends().getOrDefault(t.name(), options.backends().get(t.backendId()));
                if (override == null) {
                    OpenAiSimulator sim = new OpenAiSimulator(t.name(), t.deployments(), options.token() != null ? options.token() : TOKEN_PREFIX);
                    sim.start(0);
                    services.add(sim);
                    openAi.put(t.name(), sim);
                    override = sim.url() + "/openai";
                }
                rewrites.put(t.url(), override);
            }
            ContentSafetySimulator cs = null;
            for (StackModel.UrlTarget t : model.contentSafety) {
                String override = options.backends().get(t.name());
                if (override == null) {
                    if (cs == null) {
                        cs = new ContentSafetySimulator(t.name(), tokenPrefix);
                        cs.start(0);
                        services.add(cs);
                    }
                    override = cs.url();
                }
                rewrites.put(t.url(), override);
            }
            this.contentSafety = cs;
            for (StackModel.UrlTarget t : model.toolApis) {
                String override = options.backends().get(t.name());
                if (override == null) {
                    EchoSimulator sim = new EchoSimulator(t.name());
                    sim.start(0);
                    services.add(sim);
                    tools.put(t.name(), sim);
                    override = sim.url() + URI.create(t.url()).getRawPath();
                }
                rewrites.put(t.url(), override);
            }
            this.port = options.port() != 0 ? options.port() : freePort();
            Map<String, Object> runtime = new LinkedHashMap<>(options.choices());
            runtime.put("seed", options.seed());
            runtime.put("port", port);
            runtime.put("tokenPrefix", tokenPrefix);
            if (options.token() != null) {
                runtime.put("fixedToken", true);
            }
            this.dir = Files.createTempDirectory("aigw-emulator");
            Path exe = GatewayBuild.build(model, toolchain, dir);
            Path modelFile = dir.resolve("model.json");
            Files.writeString(modelFile, model.toJson(rewrites, runtime), StandardCharsets.UTF_8);
            this.process = new ProcessBuilder(mono, exe.toString(), modelFile.toString()).redirectErrorStream(true).start();
            waitUntilReady(options);
        } catch (IOException | RuntimeException e) {
            services.forEach(SimulatedService::close);
            throw e;
        }
    }

    /** Plan, compile and start the gateway of {@code config}; returns once it listens. */
    public static Emulator start(GatewayConfig config, EmulatorOptions options) throws IOException {
        return new Emulator(config, PlanRunner.run(config), options);
    }

    /** Run a plan other than the config's own (tests: the stack with a policy of their own). */
    static Emulator start(GatewayConfig config, Plan plan, EmulatorOptions options) throws IOException {
        return new Emulator(config, plan, options);
    }

    private void waitUntilReady(EmulatorOptions options) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<Boolean> ready = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    if (!ready.isDone() && line.equals("ready " + port)) {
                        ready.complete(true);
                        continue;
                    }
                    log.add(line);
                    options.log().accept(line);
                }
            } catch (IOException e) {
                // the process ended
            }
            ready.complete(false);
        }, "emulator-output");
        reader.setDaemon(true);
        reader.start();
        boolean started;
        try {
            started = ready.get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            started = false;
        }
        if (!started) {
            process.destroyForcibly();
            throw new IllegalStateException("the emulated gateway did not start: " + String.join(" | ", log));
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** {@code http://127.0.0.1:<port>}. */
    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** Subscription id to the primary key the gateway accepts; "master" is the all-access subscription. */
    public Map<String, String> keys() {
        return Collections.unmodifiableMap(model.keys);
    }

    public String key(String subscriptionId) {
        String key = model.keys.get(subscriptionId);
        if (key == null) {
            throw new IllegalArgumentException("no subscription " + subscriptionId + "; known: " + model.keys.keySet());
        }
        return key;
    }

    /** The simulator of the backend {@code name} (as the stack file names it). */
    public OpenAiSimulator backend(String name) {
        OpenAiSimulator sim = openAi.get(name);
        if (sim == null) {
            throw new IllegalArgumentException("no simulated backend " + name + "; simulated: " + openAi.keySet());
        }
        return sim;
    }

    public Map<String, OpenAiSimulator> backends() {
        return Collections.unmodifiableMap(openAi);
    }

    public ContentSafetySimulator contentSafety() {
        return contentSafety;
    }

    public EchoSimulator toolApi(String name) {
        return tools.get(name);
    }

    public List<SimulatedService> simulators() {
        return List.copyOf(services);
    }

    /** Each MCP server's API id and the URL agents connect to ({@code <gateway>/<path>/mcp}). */
    public Map<String, String> mcpServers() {
        Map<String, String> out = new LinkedHashMap<>();
        model.mcpPaths().forEach((id, path) -> out.put(id, url() + "/" + path + "/mcp"));
        return out;
    }

    /** Notes on what the emulator serves differently from the plan (such as the pinned inference spec). */
    public List<String> notes() {
        return List.copyOf(model.notes);
    }

    /** The gateway's log lines so far: one per request, with the backends it tried. */
    public List<String> log() {
        synchronized (log) {
            return List.copyOf(log);
        }
    }

    /**
     * A request the gateway answered: its status and each backend try with its outcome
     * ("openai-east 429", "openai-west timeout", "openai-west connection failure").
     */
    public record Handled(String requestId, String method, String path, int status, List<String> tries) {}

    /** The requests answered since the last reset, in order. */
    public List<Handled> requests() {
        List<Handled> out = new ArrayList<>();
        for (JsonNode r : call("GET", "requests", null)) {
            List<String> tries = new ArrayList<>();
            r.path("tries").forEach(t -> tries.add(t.asText()));
            out.add(new Handled(r.path("requestId").asText(), r.path("method").asText(), r.path("path").asText(), r.path("status").asInt(),
                    List.copyOf(tries)));
        }
        return out;
    }

    public Instant now() {
        return Instant.parse(call("GET", "clock", null).path("now").asText());
    }

    /** Move the emulated clock (tests run it with the manual clock). */
    public void advance(Duration by) {
        call("POST", "clock", "{\"advanceSeconds\":" + by.toMillis() / 1000.0 + "}");
    }

    /** Every metric recorded so far (emit-metric and the token metrics), as JSON objects. */
    public JsonNode metrics() {
        return call("GET", "metrics", null);
    }

    public JsonNode cache() {
        return call("GET", "cache", null);
    }

    /** "none" (the cache works), "miss" (unavailable: reads miss) or "null" (reads yield null). */
    public void cacheFailure(String mode) {
        call("POST", "cache", "{\"failure\":\"" + mode + "\"}");
    }

    /** Forget the cache, the limit counters, the metrics, the simulators' faults and what they saw. */
    public void reset() {
        call("POST", "reset", null);
        for (SimulatedService s : services) {
            s.clearFaults();
            s.clearRequests();
        }
        log.clear();
    }

    private JsonNode call(String method, String path, String body) {
        try {
            HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(url() + "/_emulator/" + path)).timeout(Duration.ofSeconds(10));
            req.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
            return JSON.readTree(control.send(req.build(), HttpResponse.BodyHandlers.ofString()).body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        services.forEach(SimulatedService::close);
        GatewayBuild.deleteTree(dir);
    }
}
