package dev.aigateway.emulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.aigateway.emulator.sim.Fault;
import dev.aigateway.emulator.sim.SimulatedService;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The simulators' control endpoint for people watching the emulator: script faults on a backend
 * and see what each simulator received.
 * <pre>
 *   GET    /                 the simulators, their URLs and faults
 *   POST   /faults/NAME      add a fault (JSON, as {@link Fault}) to simulator NAME
 *   DELETE /faults[/NAME]    clear the faults (of one simulator)
 *   GET    /requests         what each simulator received (method, path, deployment, status)
 * </pre>
 */
final class SimulatorControl implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private final HttpServer server;
    private final Map<String, SimulatedService> simulators = new LinkedHashMap<>();

    SimulatorControl(Emulator emulator, int port) {
        emulator.simulators().forEach(s -> simulators.put(s.name(), s));
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 16);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on 127.0.0.1:" + port + " for the simulator control", e);
        }
        server.createContext("/", this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Apply a fault by simulator name; the message names the known ones when there is no such simulator. */
    void fault(String name, Fault fault) {
        SimulatedService s = simulators.get(name);
        if (s == null) {
            throw new IllegalArgumentException("no simulator " + name + "; simulators: " + simulators.keySet());
        }
        s.fault(fault);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            byte[] body = exchange.getRequestBody().readAllBytes();
            Object out;
            int status = 200;
            try {
                if (path.equals("/") && method.equals("GET")) {
                    List<Map<String, Object>> list = new ArrayList<>();
                    simulators.forEach((name, s) -> list.add(Map.of("name", name, "url", s.url(), "faults", s.faults())));
                    out = list;
                } else if (path.startsWith("/faults/") && method.equals("POST")) {
                    String name = path.substring("/faults/".length());
                    fault(name, JSON.readValue(body, Fault.class));
                    out = simulators.get(name).faults();
                } else if (path.startsWith("/faults") && method.equals("DELETE")) {
                    String name = path.length() > "/faults/".length() ? path.substring("/faults/".length()) : null;
                    simulators.forEach((n, s) -> {
                        if (name == null || name.equals(n)) {
                            s.clearFaults();
                        }
                    });
                    out = Map.of("cleared", name == null ? "all" : name);
                } else if (path.equals("/requests") && method.equals("GET")) {
                    List<Map<String, Object>> list = new ArrayList<>();
                    simulators.values().forEach(s -> s.requests().forEach(r -> list.add(Map.of("simulator", r.target(), "method", r.method(),
                            "path", r.path(), "deployment", String.valueOf(r.deployment()), "status", r.status()))));
                    out = list;
                } else {
                    status = 404;
                    out = Map.of("error", "GET /, POST /faults/NAME, DELETE /faults[/NAME], GET /requests");
                }
            } catch (IllegalArgumentException | IOException e) {
                status = 400;
                out = Map.of("error", e.getMessage());
            }
            byte[] bytes = JSON.writeValueAsBytes(out);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream o = exchange.getResponseBody()) {
                o.write(bytes);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
