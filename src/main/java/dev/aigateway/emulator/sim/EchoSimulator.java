package dev.aigateway.emulator.sim;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * A REST API behind a tool API: it answers every request with 200 and a JSON echo of it
 * (method, path and query as they were encoded, the body as received), so a caller sees what
 * reached the backend.
 */
public final class EchoSimulator extends SimulatedService {
    public EchoSimulator(String name) {
        super(name);
    }

    @Override
    protected void handle(HttpExchange exchange, byte[] body) throws IOException {
        String path = exchange.getRequestURI().getPath();
        Fault fault = takeFault(null);
        int seen = record(new Seen(name(), exchange.getRequestMethod(), path, null, headers(exchange), body, 0));
        int status;
        if (fault != null && fault.kind() == Fault.Kind.STATUS) {
            sendJson(exchange, fault.status(), java.util.Map.of("error", "fault " + fault.status()));
            status = fault.status();
        } else if (fault != null && fault.kind() == Fault.Kind.RESET) {
            status = 0;
        } else {
            ObjectNode out = JSON.createObjectNode().put("method", exchange.getRequestMethod()).put("path", exchange.getRequestURI().getRawPath())
                    .put("query", exchange.getRequestURI().getRawQuery()).put("body", new String(body, StandardCharsets.UTF_8));
            sendJson(exchange, 200, out);
            status = 200;
        }
        answered(seen, status);
    }
}
