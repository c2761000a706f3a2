package dev.aigateway.emulator.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Azure AI Content Safety's {@code text:analyze}: each requested category gets severity 0,
 * or 6 when the text holds one of the category's trigger words, so a test or a user can see
 * screening refuse an input; and Prompt Shields' {@code text:shieldPrompt}: an attack is detected
 * when the user prompt holds {@link #JAILBREAK}. Both require the gateway's managed-identity token.
 */
public final class ContentSafetySimulator extends SimulatedService {
    /** Words that make the simulator flag a category. */
    public static final Map<String, List<String>> TRIGGERS = Map.of(
            "Hate", List.of("hateful"), "SelfHarm", List.of("selfharm"), "Sexual", List.of("explicit"), "Violence", List.of("violent"));
    /** What makes the simulated Prompt Shields detect an attack. */
    public static final String JAILBREAK = "ignore all previous instructions";
    private final String tokenPrefix;

    public ContentSafetySimulator(String name, String tokenPrefix) {
        super(name);
        this.tokenPrefix = tokenPrefix;
    }

    @Override
    protected void handle(HttpExchange exchange, byte[] body) throws IOException {
        String path = exchange.getRequestURI().getPath();
        // A fault may name the operation it hits (forDeployment("text:shieldPrompt")), or hit both.
        Fault fault = takeFault(path.substring(path.lastIndexOf('/') + 1));
        int seen = record(new Seen(name(), exchange.getRequestMethod(), path, null, headers(exchange), body, 0));
        int status;
        if (fault != null && fault.kind() == Fault.Kind.STATUS) {
            sendJson(exchange, fault.status(), Map.of("error", Map.of("code", "ServiceUnavailable", "message", "The service is unavailable.")));
            status = fault.status();
        } else if (fault != null && fault.kind() == Fault.Kind.RESET) {
            status = 0;
        } else {
            if (fault != null && fault.kind() == Fault.Kind.HANG) {
                try {
                    Thread.sleep(fault.delayMs());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            status = analyze(exchange, path, body);
        }
        answered(seen, status);
    }

    private int analyze(HttpExchange exchange, String path, byte[] body) throws IOException {
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        if (auth == null || !auth.startsWith("Bearer " + tokenPrefix + OpenAiSimulator.RESOURCE)) {
            sendJson(exchange, 401, Map.of("error", Map.of("code", "401", "message", "Access denied due to invalid token.")));
            return 401;
        }
        if (path.endsWith("/contentsafety/text:shieldPrompt")) {
            JsonNode request = JSON.readTree(body);
            boolean attack = request.path("userPrompt").asText("").toLowerCase(Locale.ROOT).contains(JAILBREAK);
            ObjectNode out = JSON.createObjectNode();
            out.putObject("userPromptAnalysis").put("attackDetected", attack);
            out.putArray("documentsAnalysis");
            sendJson(exchange, 200, out);
            return 200;
        }
        if (!path.endsWith("/contentsafety/text:analyze")) {
            sendJson(exchange, 404, Map.of("error", Map.of("code", "404", "message", "Resource not found")));
            return 404;
        }
        JsonNode request = JSON.readTree(body);
        String text = request.path("text").asText("").toLowerCase(Locale.ROOT);
        ObjectNode out = JSON.createObjectNode();
        out.putArray("blocklistsMatch");
        ArrayNode analysis = out.putArray("categoriesAnalysis");
        for (JsonNode c : request.path("categories")) {
            String category = c.asText();
            boolean hit = TRIGGERS.getOrDefault(category, List.of()).stream().anyMatch(text::contains);
            analysis.addObject().put("category", category).put("severity", hit ? 6 : 0);
        }
        sendJson(exchange, 200, out);
        return 200;
    }
}
