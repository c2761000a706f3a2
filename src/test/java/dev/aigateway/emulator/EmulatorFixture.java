package dev.aigateway.emulator;

import dev.aigateway.config.GatewayConfig;
import dev.aigateway.testing.CompilerAvailable;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;

/**
 * One emulator per test class, on the manual clock, reset before each test: a fresh cache,
 * counters, metrics and simulators, and the clock where it was.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class EmulatorFixture {
    protected Emulator emulator;
    protected GatewayClient client;

    /** The stack file the scenarios run against. */
    protected Path stack() {
        return Path.of("src/test/resources/emulator/Pulumi.failover.yaml");
    }

    protected EmulatorOptions options() {
        return EmulatorOptions.defaults().manualClock();
    }

    @BeforeAll
    void startEmulator() throws Exception {
        CompilerAvailable.get();
        emulator = Emulator.start(GatewayConfig.fromStackFile(stack()), options());
        client = new GatewayClient(emulator);
    }

    @AfterAll
    void stopEmulator() {
        if (emulator != null) {
            emulator.close();
        }
    }

    @BeforeEach
    void resetEmulator() {
        emulator.reset();
    }
}
