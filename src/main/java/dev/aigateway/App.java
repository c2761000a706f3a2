package dev.aigateway;

import com.pulumi.Pulumi;
import dev.aigateway.config.ConfigException;
import dev.aigateway.config.GatewayConfig;
import dev.aigateway.plan.Plan;
import dev.aigateway.plan.PlanDiff;
import dev.aigateway.plan.PlanJson;
import dev.aigateway.plan.PlanRunner;
import dev.aigateway.plan.PlanText;
import dev.aigateway.policy.ExpressionCompiler;
import dev.aigateway.policy.PolicyException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * With no arguments, the Pulumi program (this is what {@code pulumi up} runs). With {@code plan},
 * the same program under the mock engine, offline.
 */
@Command(name = "ai-gateway", mixinStandardHelpOptions = true,
        description = "Azure API Management as an AI gateway. Without a command, runs as the Pulumi program.",
        subcommands = {App.PlanCommand.class, LintCommand.class})
public final class App implements Runnable {
    public static final int BAD_INPUT = 2;

    public static void main(String[] args) {
        useParallelCommonPool();
        if (args.length == 0) {
            Pulumi.run(ctx -> {
                GatewayConfig config;
                try {
                    config = GatewayConfig.from(ctx);
                } catch (ConfigException e) {
                    // Same one line as the offline plan, and nothing registered.
                    System.err.println("error: " + e.getMessage());
                    System.exit(BAD_INPUT);
                    return;
                }
                GatewayProgram.define(ctx, config);
            });
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

    /** Run a command line; returns the exit code. */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new App());
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof ConfigException || e instanceof PolicyException) {
                err.println("error: " + e.getMessage());
                return BAD_INPUT;
            }
            if (e instanceof NoSuchFileException nf) {
                err.println("error: no such file: " + nf.getFile());
                return BAD_INPUT;
            }
            if (e instanceof IOException io) {
                err.println("error: cannot read or write a file: " + io.getMessage());
                return BAD_INPUT;
            }
            throw e;
        });
        cli.setParameterExceptionHandler((e, a) -> {
            err.println("error: " + e.getMessage());
            return BAD_INPUT;
        });
        return cli.execute(args);
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(new CommandLine(this), "a command is required: plan or lint");
    }

    @Command(name = "plan", mixinStandardHelpOptions = true,
            description = "Show what `pulumi up` would create for a stack, without Azure or the Pulumi CLI.")
    static final class PlanCommand implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--stack", description = "Plan Pulumi.<stack>.yaml from the current folder.")
        String stack;

        @Option(names = "--config", description = "Plan this stack file instead.")
        Path config;

        @Option(names = "--json", description = "Also write the plan JSON to this file.")
        Path json;

        @Option(names = "--diff", description = "Show what changed against an earlier plan JSON.")
        Path diff;

        @Option(names = "--mcp-out", description = "Write each MCP tool API's manifest to DIR/<name>.mcp.json.")
        Path mcpOut;

        @Override
        public Integer call() throws IOException {
            if ((stack == null) == (config == null)) {
                throw new CommandLine.ParameterException(spec.commandLine(), "give exactly one of --stack or --config");
            }
            Path file = config != null ? config : Path.of("Pulumi." + stack + ".yaml");
            GatewayConfig cfg = GatewayConfig.fromStackFile(file);
            Plan plan = PlanRunner.run(cfg);
            PrintWriter out = spec.commandLine().getOut();
            if (!plan.lint().expressions().compiled()) {
                spec.commandLine().getErr().println("note: policy expressions were not compiled: " + ExpressionCompiler.installHint());
            }
            out.print(PlanText.render(plan));
            if (diff != null) {
                out.println();
                out.print(PlanDiff.render(PlanJson.read(Files.readString(diff)), PlanJson.toTree(plan)));
            }
            if (json != null) {
                Files.writeString(json, PlanJson.write(plan), StandardCharsets.UTF_8);
                out.println("\nPlan JSON written to " + json);
            }
            if (mcpOut != null) {
                Files.createDirectories(mcpOut);
                if (plan.outputs().get("mcpManifests") instanceof Map<?, ?> manifests) {
                    for (Map.Entry<?, ?> m : manifests.entrySet()) {
                        Path target = mcpOut.resolve(m.getKey() + ".mcp.json");
                        Files.writeString(target, String.valueOf(m.getValue()), StandardCharsets.UTF_8);
                        out.println("MCP manifest written to " + target);
                    }
                } else {
                    out.println("No MCP tool APIs in this stack; no manifest written.");
                }
            }
            out.flush();
            return plan.lint().ok() ? 0 : BAD_INPUT;
        }
    }
}
