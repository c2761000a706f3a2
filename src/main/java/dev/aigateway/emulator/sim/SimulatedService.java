package dev.aigateway.emulator.sim;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A local HTTP service on 127.0.0.1 that stands in for an Azure one: it records what it receives
 * and plays scripted faults. Refusing connections stops its listener; clearing the faults starts
 * it again on the same port.
 */
public abstract class SimulatedService implements AutoCloseable {
    protected static final ObjectMapper JSON = new ObjectMapper();

    static {
        // The JDK server writes a response's headers and body apart; with Nagle's algorithm on,
        // the body waits for the gateway's delayed ACK of the headers: 40 ms a request.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final String name;
    private final List<Fault> faults = new ArrayList<>();
    private final List<Seen> seen = new ArrayList<>();
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "simulator");
        t.setDaemon(true);
        return t;
    });
    private HttpServer server;
    private int port;

    protected SimulatedService(String name) {
        this.name = name;
    }

    public String name() {
        return name;
    }

    /** Listen on {@code port} (0 for any free port). */
    public synchronized SimulatedService start(int port) {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 256);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on 127.0.0.1:" + port, e);
        }
        server.setExecutor(threads);
        server.createContext("/", this::dispatch);
        server.start();
        this.port = server.getAddress().getPort();
        return this;
    }

    public int port() {
        return port;
    }

    /** {@code http://127.0.0.1:<port>}. */
    public String url() {
        return "http://127.0.0.1:" + port;
    }

    /** Add a fault; a refusal stops listening at once. */
    public synchronized void fault(Fault fault) {
        faults.add(fault);
        if (fault.kind() == Fault.Kind.REFUSE && server != null) {
            server.stop(0);
            server = null;
        }
    }

    /** Clear every fault and listen again if the service was refusing connections. */
    public synchronized void clearFaults() {
        faults.clear();
        if (server == null && port != 0) {
            start(port);
        }
    }

    public synchronized List<Fault> faults() {
        return List.copyOf(faults);
    }

    public synchronized List<Seen> requests() {
        return List.copyOf(seen);
    }

    public synchronized void clearRequests() {
        seen.clear();
    }

    /** The first fault for this request's deployment, used up by one when it counts. */
    protected synchronized Fault takeFault(String deployment) {
        for (int i = 0; i < faults.size(); i++) {
            Fault f = faults.get(i);
            if (f.kind() == Fault.Kind.REFUSE || !f.appliesTo(deployment)) {
                continue;
            }
            if (f.times() == 1) {
                faults.remove(i);
            } else if (f.times() > 1) {
                faults.set(i, f.times(f.times() - 1));
            }
            return f;
        }
        return null;
    }

    /** Note a request as it arrives (so one that hangs is seen at once); returns its index for {@link #answered}. */
    protected synchronized int record(Seen s) {
        seen.add(s);
        return seen.size() - 1;
    }

    /** The status the request at {@code index} was answered with (0: none). */
    protected synchronized void answered(int index, int status) {
        if (index < seen.size()) {
            Seen s = seen.get(index);
            seen.set(index, new Seen(s.target(), s.method(), s.path(), s.deployment(), s.headers(), s.body(), status));
        }
    }

    private void dispatch(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            handle(exchange, body);
        } catch (IOException | RuntimeException e) {
            // the gateway hung up (a timeout): nothing to answer
        }
    }

    /** Answer one request; {@code body} is its whole body. */
    protected abstract void handle(HttpExchange exchange, byte[] body) throws IOException;

    protected static Map<String, List<String>> headers(HttpExchange exchange) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((k, v) -> out.put(k, List.copyOf(v)));
        return out;
    }

    protected static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    protected static void sendJson(HttpExchange exchange, int status, Object body) throws IOException {
        send(exchange, status, "application/json", JSON.writeValueAsString(body).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
        port = 0;
        threads.shutdownNow();
    }
}
