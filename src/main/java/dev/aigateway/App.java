package dev.aigateway;

import com.pulumi.Pulumi;
import dev.aigateway.cli.Cli;
import dev.aigateway.cli.ExitCodes;
import dev.aigateway.config.ConfigException;
import dev.aigateway.config.EngineConfig;
import dev.aigateway.config.GatewayConfig;
import dev.aigateway.stack.GatewayProgram;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * With no arguments, the Pulumi program (this is what {@code pulumi up} runs). With a command
 * ({@code plan}, {@code lint}), the offline tools.
 */
public final class App {
    private App() {}

    public static void main(String[] args) {
        useParallelCommonPool();
        if (args.length == 0) {
            GatewayConfig config;
            try {
                // Every key the engine passes is read and checked before the engine is even contacted:
                // the same one line as the offline plan, and nothing registered.
                config = EngineConfig.read(System.getenv(), System.err::println);
            } catch (ConfigException e) {
                System.err.println("error: " + e.getMessage());
                System.exit(ExitCodes.BAD_INPUT);
                return;
            }
            Pulumi.run(ctx -> GatewayProgram.define(ctx, config));
            return;
        }
        System.exit(execute(args, new PrintWriter(System.out, true, StandardCharsets.UTF_8),
                new PrintWriter(System.err, true, StandardCharsets.UTF_8)));
    }

    /**
     * Pulumi's Java runner drives every task through CompletableFuture's default executor. On a
     * 2-core machine the common pool has parallelism 1, and CompletableFuture then starts a new
     * thread for every async step, while the runner's polling loop competes for the one worker.
     * A pool of at least 4 threads planned 1000 tenants in 12 s instead of 21 s (see README).
     * This must run before anything loads CompletableFuture; an explicit setting is kept.
     */
    static void useParallelCommonPool() {
        String key = "java.util.concurrent.ForkJoinPool.common.parallelism";
        if (System.getProperty(key) == null) {
            System.setProperty(key, Integer.toString(Math.max(4, Runtime.getRuntime().availableProcessors())));
        }
    }

    /** Run a command line as {@link #main} does; returns the exit code. */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        return Cli.execute(args, out, err);
    }
}
