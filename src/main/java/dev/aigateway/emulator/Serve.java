package dev.aigateway.emulator;

import dev.aigateway.config.GatewayConfig;
import dev.aigateway.emulator.sim.Fault;
import dev.aigateway.emulator.sim.OpenAiSimulator;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/** The emulator as {@code serve} runs it: with the simulators' control endpoint, until stopped. */
public final class Serve implements AutoCloseable {
    /** A fault to start with: the simulator's name and the fault. */
    public record FaultEntry(String simulator, Fault fault) {}

    private final Emulator emulator;
    private final SimulatorControl control;
    private final CountDownLatch stopped = new CountDownLatch(1);

    private Serve(Emulator emulator, SimulatorControl control) {
        this.emulator = emulator;
        this.control = control;
    }

    public static Serve start(GatewayConfig config, EmulatorOptions options, int controlPort, List<FaultEntry> faults) throws IOException {
        Emulator emulator = Emulator.start(config, options);
        SimulatorControl control;
        try {
            control = new SimulatorControl(emulator, controlPort);
            faults.forEach(f -> control.fault(f.simulator(), f.fault()));
        } catch (RuntimeException e) {
            emulator.close();
            throw e;
        }
        Serve serve = new Serve(emulator, control);
        Runtime.getRuntime().addShutdownHook(new Thread(serve::close));
        return serve;
    }

    public String url() {
        return emulator.url();
    }

    public Map<String, String> keys() {
        return emulator.keys();
    }

    /** What a user needs to see first: the simulators and their control, the notes, the keys. */
    public List<String> describe() {
        List<String> lines = new ArrayList<>();
        for (Map.Entry<String, OpenAiSimulator> b : emulator.backends().entrySet()) {
            lines.add("backend " + b.getKey() + " (" + String.join(", ", b.getValue().deployments()) + "): simulated on " + b.getValue().url());
        }
        emulator.simulators().stream().filter(s -> !(s instanceof OpenAiSimulator))
                .forEach(s -> lines.add(s.name() + ": simulated on " + s.url()));
        emulator.mcpServers().forEach((id, url) -> lines.add("MCP server " + id + " (Streamable HTTP): " + url));
        lines.add("simulator control on " + control.url() + " (POST /faults/NAME, DELETE /faults, GET /requests)");
        emulator.notes().forEach(n -> lines.add("note: " + n));
        emulator.keys().forEach((sid, key) -> lines.add("subscription " + sid + " key " + key));
        return lines;
    }

    public void awaitShutdown() throws InterruptedException {
        stopped.await();
    }

    @Override
    public synchronized void close() {
        if (stopped.getCount() == 0) {
            return;
        }
        control.close();
        emulator.close();
        stopped.countDown();
    }
}
