package dev.aigateway.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.aigateway.config.GatewayConfig;
import dev.aigateway.emulator.EmulatorOptions;
import dev.aigateway.emulator.ModelledPolicies;
import dev.aigateway.emulator.Serve;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code serve}: the stack's gateway running locally, before a deployment. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Run the stack's gateway locally: its policies executed in front of simulated Azure OpenAI backends.")
final class ServeCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--stack", description = "Serve Pulumi.<stack>.yaml from the current folder.")
    String stack;

    @Option(names = "--config", description = "Serve this stack file instead.")
    Path config;

    @Option(names = "--port", defaultValue = "8080", description = "Port on 127.0.0.1 (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--control-port", defaultValue = "-1", description = "Port of the simulators' control endpoint (default: port + 1).")
    int controlPort;

    @Option(names = "--keys", description = "Write the subscription keys the gateway accepts to this file, as JSON.")
    Path keys;

    @Option(names = "--backend", description = "NAME=URL: send backend NAME's traffic (or a tool API's, or content-safety's) to URL instead of its simulator.")
    Map<String, String> backends;

    @Option(names = "--token", description = "The bearer token the gateway's managed identity hands out (for a real backend given with --backend).")
    String token;

    @Option(names = "--option", description = "NAME=VALUE: one of the emulator's choices where APIM's reference is ambiguous (see the README).")
    Map<String, String> choices;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of request ids, randomness and keys (default: ${DEFAULT-VALUE}).")
    int seed;

    @Option(names = "--faults", description = "A JSON file of faults to start with: [{\"simulator\": NAME, \"fault\": {...}}].")
    Path faults;

    @Override
    public Integer call() throws IOException {
        GatewayConfig cfg = StackOption.read(spec, stack, config);
        PrintWriter out = spec.commandLine().getOut();
        EmulatorOptions options = EmulatorOptions.defaults().port(port).seed(seed).token(token).log(line -> {
            out.println(line);
            out.flush();
        });
        for (Map.Entry<String, String> c : (choices == null ? Map.<String, String>of() : choices).entrySet()) {
            try {
                options = options.choice(c.getKey(), c.getValue());
            } catch (IllegalArgumentException e) {
                throw new Cli.UsageException("--option " + e.getMessage());
            }
        }
        for (Map.Entry<String, String> b : (backends == null ? Map.<String, String>of() : backends).entrySet()) {
            options = options.backend(b.getKey(), b.getValue());
        }
        List<Serve.FaultEntry> initial = faults == null ? List.of()
                : List.of(new ObjectMapper().readValue(Files.readString(faults), Serve.FaultEntry[].class));
        try (Serve running = Serve.start(cfg, options, controlPort < 0 ? port + 1 : controlPort, initial)) {
            running.describe().forEach(out::println);
            if (keys != null) {
                Files.writeString(keys, new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(running.keys()),
                        StandardCharsets.UTF_8);
                out.println("subscription keys written to " + keys);
            }
            out.println("gateway listening on " + running.url());
            out.flush();
            running.awaitShutdown();
        } catch (InterruptedException e) {
            // stopped by its caller: the emulator is closed with the try
            Thread.currentThread().interrupt();
        } catch (IllegalArgumentException | ModelledPolicies.NotModelledException e) {
            throw new Cli.UsageException(e.getMessage());
        }
        return ExitCodes.OK;
    }
}
