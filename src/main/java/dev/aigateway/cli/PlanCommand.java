package dev.aigateway.cli;

import dev.aigateway.config.GatewayConfig;
import dev.aigateway.lint.compile.ExpressionCompiler;
import dev.aigateway.plan.Plan;
import dev.aigateway.plan.PlanDiff;
import dev.aigateway.plan.PlanGraph;
import dev.aigateway.plan.PlanJson;
import dev.aigateway.plan.PlanRunner;
import dev.aigateway.plan.PlanText;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code plan}: what {@code pulumi up} would create, under the mock engine. */
@Command(name = "plan", mixinStandardHelpOptions = true,
        description = "Show what `pulumi up` would create for a stack, without Azure or the Pulumi CLI.")
final class PlanCommand implements Callable<Integer> {
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

    @Option(names = "--graph", paramLabel = "FILE",
            description = "Write the stack's topology: Mermaid (.mmd, .md), Graphviz DOT (.dot), or SVG (.svg, needs Graphviz's dot).")
    Path graph;

    /** How --diff is written. */
    enum DiffFormat { text, markdown }

    @Option(names = "--format", defaultValue = "text",
            description = "With --diff: text (default: the plan, then the diff) or markdown (the diff alone, for a pull request comment).")
    DiffFormat format;

    /** How the security baseline's failures count: reported only, or failing the plan. */
    enum BaselineMode { report, strict }

    @Option(names = "--baseline", defaultValue = "report",
            description = "report (default): print the security baseline's verdicts; strict: also exit 2 when a rule fails.")
    BaselineMode baseline;

    @Override
    public Integer call() throws IOException {
        if (format == DiffFormat.markdown && diff == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--format markdown needs --diff: it writes the diff");
        }
        GatewayConfig cfg = StackOption.read(spec, stack, config);
        Plan plan = PlanRunner.run(cfg);
        PrintWriter out = spec.commandLine().getOut();
        if (!plan.lint().expressions().compiled()) {
            spec.commandLine().getErr().println("note: policy expressions were not compiled: " + ExpressionCompiler.installHint());
        }
        if (format == DiffFormat.markdown) {
            out.print(PlanDiff.markdown(PlanJson.read(Files.readString(diff)), PlanJson.toTree(plan)));
        } else {
            out.print(PlanText.render(plan));
            if (diff != null) {
                out.println();
                out.print(PlanDiff.render(PlanJson.read(Files.readString(diff)), PlanJson.toTree(plan)));
            }
        }
        if (json != null) {
            Files.writeString(json, PlanJson.write(plan), StandardCharsets.UTF_8);
            out.println("\nPlan JSON written to " + json);
        }
        if (graph != null) {
            writeGraph(PlanGraph.of(cfg, plan));
            out.println("\nTopology written to " + graph);
        }
        out.flush();
        if (baseline == BaselineMode.strict && plan.baselineFails()) {
            long failing = plan.baseline().stream().filter(v -> v.status() == dev.aigateway.baseline.Baseline.Status.FAIL).count();
            spec.commandLine().getErr().println("error: the plan fails " + failing + " security baseline rule" + (failing == 1 ? "" : "s")
                    + " (--baseline strict); see Baseline above");
            return ExitCodes.BAD_INPUT;
        }
        return plan.lint().ok() ? ExitCodes.OK : ExitCodes.BAD_INPUT;
    }

    private void writeGraph(PlanGraph g) throws IOException {
        String name = graph.getFileName().toString();
        if (name.endsWith(".svg")) {
            Process dot;
            try {
                dot = new ProcessBuilder("dot", "-Tsvg", "-o", graph.toString()).redirectErrorStream(true).start();
            } catch (IOException e) {
                throw new Cli.UsageException("--graph " + name + " needs Graphviz's dot (Debian: apt-get install graphviz); .mmd and .dot need nothing");
            }
            try (var in = dot.getOutputStream()) {
                in.write(g.dot().getBytes(StandardCharsets.UTF_8));
            }
            String said = new String(dot.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            try {
                if (dot.waitFor() != 0) {
                    throw new IOException("dot failed: " + said.strip());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while dot ran", e);
            }
        } else if (name.endsWith(".dot") || name.endsWith(".gv")) {
            Files.writeString(graph, g.dot(), StandardCharsets.UTF_8);
        } else {
            Files.writeString(graph, g.mermaid(), StandardCharsets.UTF_8);
        }
    }
}
