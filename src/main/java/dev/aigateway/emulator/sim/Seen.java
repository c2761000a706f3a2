package dev.aigateway.emulator.sim;

import java.util.List;
import java.util.Map;

/**
 * A request a simulator received.
 *
 * @param target     the simulator's name (a backend, a tool API, content-safety)
 * @param deployment the deployment it named, or null
 * @param status     what the simulator answered, or 0 when it answered nothing
 */
public record Seen(String target, String method, String path, String deployment, Map<String, List<String>> headers, byte[] body, int status) {

    public String header(String name) {
        for (Map.Entry<String, List<String>> h : headers.entrySet()) {
            if (h.getKey().equalsIgnoreCase(name) && !h.getValue().isEmpty()) {
                return h.getValue().get(0);
            }
        }
        return null;
    }

    public String bodyText() {
        return new String(body, java.nio.charset.StandardCharsets.UTF_8);
    }
}
