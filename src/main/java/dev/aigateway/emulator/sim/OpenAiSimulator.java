package dev.aigateway.emulator.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An Azure OpenAI account as the gateway sees it: chat completions, completions and embeddings
 * for the deployments it serves, with {@code usage}, streamed as server-sent events for
 * {@code "stream": true}. It requires the gateway's managed-identity token and answers unknown
 * deployments with 404 DeploymentNotFound, as the service does.
 *
 * <p>Answers are deterministic: the reply names the backend and deployment, prompt tokens are one
 * per four characters of the messages, completion tokens one per word of the reply.
 */
public final class OpenAiSimulator extends SimulatedService {
    /** The token audience of Azure OpenAI. */
    public static final String RESOURCE = "https://cognitiveservices.azure.com";
    private static final Pattern DEPLOYMENT_PATH = Pattern.compile("^/openai/deployments/([^/]+)/(chat/completions|completions|embeddings)$");
    /** The v1 API: the deployment is the body's "model". */
    private static final Pattern V1_PATH = Pattern.compile("^/openai/v1/(chat/completions|embeddings|responses)$");

    private final Set<String> deployments;
    private final String tokenPrefix;
    private final AtomicLong ids = new AtomicLong();
    private volatile List<Long> lastStream = List.of();
    /** The ids of the responses this account created: a response may continue only one of them. */
    private final Set<String> responses = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /**
     * @param deployments the deployment names this account serves
     * @param tokenPrefix what the gateway's tokens start with; a request without such a Bearer
     *                    token for {@link #RESOURCE} is refused with 401
     */
    public OpenAiSimulator(String name, Set<String> deployments, String tokenPrefix) {
        super(name);
        this.deployments = Collections.unmodifiableSet(new TreeSet<>(deployments));
        this.tokenPrefix = tokenPrefix;
    }

    public Set<String> deployments() {
        return deployments;
    }

    /** When (System.nanoTime) each event of the last streamed answer was written. */
    public List<Long> lastStreamEventTimes() {
        return lastStream;
    }

    @Override
    protected void handle(HttpExchange exchange, byte[] body) throws IOException {
        String path = exchange.getRequestURI().getPath();
        Matcher m = DEPLOYMENT_PATH.matcher(path);
        Matcher v1 = V1_PATH.matcher(path);
        String deployment = null;
        String operation = null;
        if (m.matches()) {
            deployment = m.group(1);
            operation = m.group(2);
        } else if (v1.matches()) {
            operation = v1.group(1);
            try {
                deployment = JSON.readTree(body).path("model").asText(null);
            } catch (IOException e) {
                deployment = null;
            }
        }
        Fault fault = takeFault(deployment);
        int seen = record(new Seen(name(), exchange.getRequestMethod(), path, deployment, headers(exchange), body, 0));
        answered(seen, answer(exchange, body, operation, deployment, fault));
    }

    private int answer(HttpExchange exchange, byte[] body, String operation, String deployment, Fault fault) throws IOException {
        if (fault != null) {
            switch (fault.kind()) {
                case HANG -> sleep(fault.delayMs());
                case RESET -> {
                    return 0; // closed without an answer
                }
                case STATUS -> {
                    return error(exchange, fault);
                }
                case DEPLOYMENT_NOT_FOUND -> {
                    return notFound(exchange);
                }
                default -> { }
            }
        }
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        if (auth == null || !auth.startsWith("Bearer " + tokenPrefix + RESOURCE)) {
            sendJson(exchange, 401, errorBody("401", "Unauthorized. Access token is missing, invalid, audience is incorrect ("
                    + RESOURCE + "), or have expired."));
            return 401;
        }
        if (operation == null) {
            sendJson(exchange, 404, errorBody("404", "Resource not found"));
            return 404;
        }
        if (!deployments.contains(deployment)) {
            return notFound(exchange);
        }
        JsonNode request;
        try {
            request = JSON.readTree(body);
        } catch (IOException e) {
            sendJson(exchange, 400, errorBody("BadRequest", "The request body is not valid JSON."));
            return 400;
        }
        long eventDelay = fault != null && fault.kind() == Fault.Kind.SLOW_STREAM ? fault.delayMs() : 0;
        return switch (operation) {
            case "embeddings" -> embeddings(exchange, request, deployment);
            case "responses" -> response(exchange, request, deployment, eventDelay);
            case "completions" -> completion(exchange, request, deployment, false, eventDelay);
            default -> completion(exchange, request, deployment, true, eventDelay);
        };
    }

    private int error(HttpExchange exchange, Fault fault) throws IOException {
        if (fault.retryAfter() != null) {
            exchange.getResponseHeaders().set("Retry-After", fault.retryAfter());
        }
        if (fault.retryAfterMs() != null) {
            exchange.getResponseHeaders().set("retry-after-ms", Integer.toString(fault.retryAfterMs()));
        }
        int status = fault.status();
        String message = status == 429
                ? "Requests to the ChatCompletions_Create Operation have exceeded the token rate limit of your current pricing tier. Please retry after "
                        + (fault.retryAfter() == null ? "a while" : fault.retryAfter() + " seconds") + "."
                : "The server had an error while processing your request.";
        sendJson(exchange, status, errorBody(Integer.toString(status), message));
        return status;
    }

    private int notFound(HttpExchange exchange) throws IOException {
        sendJson(exchange, 404, errorBody("DeploymentNotFound",
                "The API deployment for this resource does not exist. If you created the deployment within the last 5 minutes, please wait a moment and try again."));
        return 404;
    }

    private static ObjectNode errorBody(String code, String message) {
        ObjectNode error = JSON.createObjectNode();
        error.putObject("error").put("code", code).put("message", message);
        return error;
    }

    /** The reply of this backend: it names itself, so a caller can tell who answered. */
    String reply(String deployment) {
        return "Hello from " + name() + " (" + deployment + ").";
    }

    private int completion(HttpExchange exchange, JsonNode request, String deployment, boolean chat, long eventDelay) throws IOException {
        String text = reply(deployment);
        long prompt = promptTokens(request);
        String[] words = text.split(" ");
        long completion = words.length;
        String id = (chat ? "chatcmpl-" : "cmpl-") + name() + "-" + ids.incrementAndGet();
        long created = 1_767_600_000L;
        boolean stream = request.path("stream").asBoolean(false);
        if (!stream) {
            ObjectNode out = JSON.createObjectNode().put("id", id).put("object", chat ? "chat.completion" : "text_completion")
                    .put("created", created).put("model", deployment);
            ObjectNode choice = out.putArray("choices").addObject().put("index", 0);
            if (chat) {
                choice.putObject("message").put("role", "assistant").put("content", text);
            } else {
                choice.put("text", text);
            }
            choice.put("finish_reason", "stop");
            out.putObject("usage").put("prompt_tokens", prompt).put("completion_tokens", completion).put("total_tokens", prompt + completion);
            sendJson(exchange, 200, out);
            return 200;
        }
        boolean usage = request.path("stream_options").path("include_usage").asBoolean(false);
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
        exchange.getResponseHeaders().set("Cache-Control", "no-cache");
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream out = exchange.getResponseBody()) {
            List<ObjectNode> events = new ArrayList<>();
            events.add(chunk(id, created, deployment, chat, "", true, null));
            for (int i = 0; i < words.length; i++) {
                events.add(chunk(id, created, deployment, chat, (i == 0 ? "" : " ") + words[i], false, null));
            }
            events.add(chunk(id, created, deployment, chat, null, false, "stop"));
            if (usage) {
                ObjectNode u = JSON.createObjectNode().put("id", id).put("object", chat ? "chat.completion.chunk" : "text_completion")
                        .put("created", created).put("model", deployment);
                u.putArray("choices");
                u.putObject("usage").put("prompt_tokens", prompt).put("completion_tokens", completion).put("total_tokens", prompt + completion);
                events.add(u);
            }
            List<Long> times = new java.util.concurrent.CopyOnWriteArrayList<>();
            lastStream = times;
            for (int i = 0; i < events.size(); i++) {
                if (i > 0) {
                    sleep(eventDelay);
                }
                out.write(("data: " + JSON.writeValueAsString(events.get(i)) + "\n\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
                times.add(System.nanoTime());
            }
            sleep(eventDelay);
            out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
        }
        return 200;
    }

    /**
     * The Responses API: a response with one output message; {@code previous_response_id} must
     * name a response this account created, else 400 previous_response_not_found. Streamed, it is
     * a sequence of typed events ending in response.completed with the usage.
     */
    private int response(HttpExchange exchange, JsonNode request, String deployment, long eventDelay) throws IOException {
        String previous = request.path("previous_response_id").asText(null);
        if (previous != null && !responses.contains(previous)) {
            ObjectNode error = JSON.createObjectNode();
            error.putObject("error").put("code", "previous_response_not_found").put("type", "invalid_request_error")
                    .put("param", "previous_response_id").put("message", "Previous response with id '" + previous + "' not found.");
            sendJson(exchange, 400, error);
            return 400;
        }
        String id = "resp_" + name().replace('-', '_') + "_" + ids.incrementAndGet();
        String text = reply(deployment);
        String[] words = text.split(" ");
        long input = Math.max(1, estimate(request.path("input").isTextual() ? request.path("input").asText().length()
                : request.path("input").toString().length()));
        ObjectNode done = responseObject(id, deployment, previous, "completed", text, input, words.length);
        responses.add(id);
        if (!request.path("stream").asBoolean(false)) {
            sendJson(exchange, 200, done);
            return 200;
        }
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream out = exchange.getResponseBody()) {
            List<ObjectNode> events = new ArrayList<>();
            ObjectNode created = JSON.createObjectNode().put("type", "response.created");
            created.set("response", responseObject(id, deployment, previous, "in_progress", null, 0, 0));
            events.add(created);
            for (int i = 0; i < words.length; i++) {
                events.add(JSON.createObjectNode().put("type", "response.output_text.delta").put("item_id", "msg_" + id).put("output_index", 0)
                        .put("content_index", 0).put("delta", (i == 0 ? "" : " ") + words[i]));
            }
            ObjectNode completed = JSON.createObjectNode().put("type", "response.completed");
            completed.set("response", done);
            events.add(completed);
            for (int i = 0; i < events.size(); i++) {
                if (i > 0) {
                    sleep(eventDelay);
                }
                ObjectNode e = events.get(i).put("sequence_number", i);
                out.write(("event: " + e.path("type").asText() + "\ndata: " + JSON.writeValueAsString(e) + "\n\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
        }
        return 200;
    }

    private static ObjectNode responseObject(String id, String model, String previous, String status, String text, long input, long output) {
        ObjectNode r = JSON.createObjectNode().put("id", id).put("object", "response").put("created_at", 1_767_600_000L).put("status", status)
                .put("model", model).putNull("error").putNull("incomplete_details").putNull("instructions").put("parallel_tool_calls", true)
                .put("temperature", 1.0).put("tool_choice", "auto").put("top_p", 1.0);
        r.putObject("metadata");
        r.putArray("tools");
        if (previous == null) {
            r.putNull("previous_response_id");
        } else {
            r.put("previous_response_id", previous);
        }
        ArrayNode output_ = r.putArray("output");
        if (text != null) {
            ObjectNode message = output_.addObject().put("type", "message").put("id", "msg_" + id).put("status", "completed").put("role", "assistant");
            message.putArray("content").addObject().put("type", "output_text").put("text", text).putArray("annotations");
            ObjectNode usage = r.putObject("usage").put("input_tokens", input).put("output_tokens", output).put("total_tokens", input + output);
            usage.putObject("input_tokens_details").put("cached_tokens", 0);
            usage.putObject("output_tokens_details").put("reasoning_tokens", 0);
        } else {
            r.putNull("usage");
        }
        return r;
    }

    private static ObjectNode chunk(String id, long created, String model, boolean chat, String content, boolean role, String finish) {
        ObjectNode c = JSON.createObjectNode().put("id", id).put("object", chat ? "chat.completion.chunk" : "text_completion")
                .put("created", created).put("model", model);
        ObjectNode choice = c.putArray("choices").addObject().put("index", 0);
        if (chat) {
            ObjectNode delta = choice.putObject("delta");
            if (role) {
                delta.put("role", "assistant");
            }
            if (content != null) {
                delta.put("content", content);
            }
        } else {
            choice.put("text", content == null ? "" : content);
        }
        if (finish == null) {
            choice.putNull("finish_reason");
        } else {
            choice.put("finish_reason", finish);
        }
        return c;
    }

    private int embeddings(HttpExchange exchange, JsonNode request, String deployment) throws IOException {
        JsonNode input = request.path("input");
        List<String> texts = new ArrayList<>();
        if (input.isArray()) {
            input.forEach(t -> texts.add(t.asText()));
        } else {
            texts.add(input.asText());
        }
        ObjectNode out = JSON.createObjectNode().put("object", "list").put("model", deployment);
        ArrayNode data = out.putArray("data");
        long prompt = 0;
        for (int i = 0; i < texts.size(); i++) {
            ObjectNode item = data.addObject().put("object", "embedding").put("index", i);
            ArrayNode vector = item.putArray("embedding");
            for (double v : embed(texts.get(i))) {
                vector.add(v);
            }
            prompt += estimate(texts.get(i).length());
        }
        out.putObject("usage").put("prompt_tokens", prompt).put("total_tokens", prompt);
        sendJson(exchange, 200, out);
        return 200;
    }

    /** A bag-of-words vector: texts that share words point the same way, so similarity means something. */
    static double[] embed(String text) {
        double[] v = new double[64];
        for (String word : text.toLowerCase(java.util.Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
            if (!word.isEmpty()) {
                v[Math.floorMod(word.hashCode(), v.length)] += 1;
            }
        }
        double norm = 0;
        for (double x : v) {
            norm += x * x;
        }
        norm = Math.sqrt(norm);
        for (int i = 0; i < v.length && norm > 0; i++) {
            v[i] /= norm;
        }
        return v;
    }

    private static long promptTokens(JsonNode request) {
        long chars = 0;
        for (JsonNode m : request.path("messages")) {
            chars += m.path("content").isTextual() ? m.path("content").asText().length() : m.path("content").toString().length();
        }
        if (request.path("prompt").isTextual()) {
            chars += request.path("prompt").asText().length();
        }
        return Math.max(1, estimate(chars));
    }

    private static long estimate(long chars) {
        return (chars + 3) / 4;
    }

    private static void sleep(Long millis) {
        if (millis == null || millis <= 0) {
            return;
        }
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
