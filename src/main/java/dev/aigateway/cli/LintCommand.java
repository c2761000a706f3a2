package dev.aigateway.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.aigateway.lint.Finding;
import dev.aigateway.lint.ParsedPolicy;
import dev.aigateway.lint.PolicyParser;
import dev.aigateway.lint.SyntaxException;
import dev.aigateway.lint.compile.ExpressionCompiler;
import dev.aigateway.lint.compile.NamedValues;
import dev.aigateway.lint.Scope;
import dev.aigateway.lint.PolicyLinter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code lint PATH...}: the offline policy linter on the user's own files. */
@Command(name = "lint", mixinStandardHelpOptions = true,
        description = "Check APIM policy files (rawxml) for what APIM would reject at deploy time. Exit code 2 on errors.")
final class LintCommand implements Callable<Integer> {

    enum Format { text, json }

    /** Where the files are attached; {@code fragment}: every file must be a policy fragment. */
    enum ScopeName {
        global(Scope.GLOBAL), product(Scope.PRODUCT), api(Scope.API), operation(Scope.OPERATION), fragment(null);

        final Scope scope;

        ScopeName(Scope scope) {
            this.scope = scope;
        }
    }

    enum UnknownAttributes { error, warning }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "Policy files, or folders searched for *.xml.")
    List<Path> paths;

    @Option(names = "--scope", defaultValue = "api", description = "Where the policies are attached: ${COMPLETION-CANDIDATES} "
            + "(default: ${DEFAULT-VALUE}). A file whose root is <fragment> is checked as a fragment at any scope; "
            + "'fragment' also requires that root of every file.")
    ScopeName scope;

    @Option(names = "--named-value", paramLabel = "NAME=VALUE",
            description = "The value of a named value, substituted into expressions as APIM does before compiling "
                    + "(with --compile; repeatable). Others get a stand-in: their name inside a string, ((dynamic)null) in code.")
    Map<String, String> namedValues = new LinkedHashMap<>();

    @Option(names = "--format", defaultValue = "text", description = "Output: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = "--unknown-attributes", defaultValue = "error",
            description = "Report unknown attributes as ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    UnknownAttributes unknownAttributes;

    @Option(names = "--consumption", description = "Apply the Consumption tier's 16 KiB document limit.")
    boolean consumption;

    @Option(names = "--compile", description = "Also compile every policy expression with Mono's C# compiler (mcs).")
    boolean compile;

    @Override
    public Integer call() throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path p : paths) {
            if (!Files.exists(p)) {
                throw new NoSuchFileException(p.toString());
            }
            try (Stream<Path> walk = Files.walk(p)) {
                walk.filter(f -> Files.isRegularFile(f) && (f.equals(p) || f.toString().endsWith(".xml"))).sorted().forEach(files::add);
            }
        }
        PolicyLinter.Options options = new PolicyLinter.Options(scope.scope, unknownAttributes == UnknownAttributes.warning, consumption,
                scope == ScopeName.fragment ? "fragment" : null);
        List<Finding> findings = new ArrayList<>();
        List<ParsedPolicy> parsed = new ArrayList<>();
        for (Path f : files) {
            String text;
            try {
                text = Files.readString(f, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            try {
                ParsedPolicy doc = PolicyParser.parse(f.toString(), text);
                parsed.add(doc);
                findings.addAll(PolicyLinter.standard().lint(doc, options, PolicyLinter.References.none()));
            } catch (SyntaxException e) {
                // The lint turns it into the located syntax finding.
                findings.addAll(PolicyLinter.standard().lint(f.toString(), text, options, PolicyLinter.References.none()));
            }
        }
        String compiled = null;
        Map<String, Integer> perFile = new LinkedHashMap<>();
        if (compile) {
            ExpressionCompiler compiler = ExpressionCompiler.find().orElseThrow(
                    () -> new Cli.UsageException("--compile needs the C# compiler: " + ExpressionCompiler.installHint()));
            ExpressionCompiler.Result result = compiler.compile(parsed, NamedValues.of(namedValues));
            findings.addAll(result.findings());
            compiled = result.expressions() + " expression(s) compiled in " + result.millis() + " ms";
            for (int i = 0; i < parsed.size(); i++) {
                perFile.put(parsed.get(i).source(), result.perDocument().get(i));
            }
        }
        long errors = findings.stream().filter(Finding::isError).count();
        PrintWriter out = spec.commandLine().getOut();
        if (format == Format.json) {
            Map<String, Object> report = new LinkedHashMap<>();
            report.put("files", files.size());
            report.put("errors", errors);
            report.put("warnings", findings.size() - errors);
            if (compiled != null) {
                report.put("compiled", compiled);
                report.put("expressionsPerFile", perFile);
            }
            List<Map<String, Object>> list = new ArrayList<>();
            for (Finding x : findings) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("file", x.source());
                m.put("line", x.line());
                m.put("column", x.column());
                m.put("severity", x.severity().name().toLowerCase(Locale.ROOT));
                m.put("rule", x.rule());
                m.put("element", x.element());
                m.put("message", x.message());
                m.put("hint", x.hint());
                list.add(m);
            }
            report.put("findings", list);
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(report));
        } else {
            perFile.forEach((file, count) -> out.println(file + ": " + count + " expression(s) compiled"));
            findings.forEach(out::println);
            out.println(files.size() + " file(s), " + errors + " error(s), " + (findings.size() - errors) + " warning(s)"
                    + (compiled == null ? "" : "; " + compiled));
        }
        out.flush();
        return errors > 0 ? ExitCodes.BAD_INPUT : ExitCodes.OK;
    }
}
