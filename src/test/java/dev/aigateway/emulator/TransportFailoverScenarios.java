package dev.aigateway.emulator;

import static dev.aigateway.emulator.GatewayClient.answeredBy;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aigateway.emulator.sim.Fault;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Timeouts and refused connections raise errors that jump to on-error; the failover must hold
 * whether or not a retry catches such errors. Subclasses run these both ways.
 */
abstract class TransportFailoverScenarios extends EmulatorFixture {

    /** Both priority-1 backends fail, so the first try meets a failure whichever it picks. */
    @Test
    void backendsThatHangPastTheTimeoutAreFailedOverAndBenched() {
        emulator.backend("east").fault(Fault.hang(Duration.ofSeconds(3)));
        emulator.backend("west").fault(Fault.hang(Duration.ofSeconds(3)));
        HttpResponse<String> r = client.chat("team-default", "chat");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(answeredBy(r)).isEqualTo("spare");
        assertThat(emulator.backend("east").requests()).hasSize(1);
        assertThat(emulator.backend("west").requests()).hasSize(1);
        for (int i = 0; i < 10; i++) {
            HttpResponse<String> next = client.chat("team-default", "chat");
            assertThat(next.statusCode()).isEqualTo(200);
            assertThat(answeredBy(next)).isEqualTo("spare");
        }
        assertThat(emulator.backend("east").requests()).as("east is benched after its timeout").hasSize(1);
        assertThat(emulator.backend("west").requests()).as("west is benched after its timeout").hasSize(1);
    }

    @Test
    void backendsThatRefuseConnectionsAreFailedOverAndBenched() {
        emulator.backend("east").fault(Fault.refuse());
        emulator.backend("west").fault(Fault.refuse());
        HttpResponse<String> r = client.chat("team-default", "chat");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(answeredBy(r)).isEqualTo("spare");
        for (int i = 0; i < 10; i++) {
            assertThat(client.chat("team-default", "chat").statusCode()).isEqualTo(200);
        }
        var tries = emulator.requests().stream().flatMap(h -> h.tries().stream()).toList();
        assertThat(tries).filteredOn(t -> t.startsWith("openai-east connection failure")).hasSize(1);
        assertThat(tries).filteredOn(t -> t.startsWith("openai-west connection failure")).hasSize(1);
    }

    @Test
    void aBackendThatResetsTheConnectionIsFailedOver() {
        emulator.backend("east").fault(Fault.reset().times(1));
        emulator.backend("west").fault(Fault.reset().times(1));
        HttpResponse<String> r = client.chat("team-default", "chat");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(answeredBy(r)).isEqualTo("spare");
    }
}
