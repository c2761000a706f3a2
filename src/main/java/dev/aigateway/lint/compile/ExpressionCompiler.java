package dev.aigateway.lint.compile;

import dev.aigateway.lint.Finding;
import dev.aigateway.lint.ParsedPolicy;
import dev.aigateway.lint.PolicyRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Compiles every policy expression offline with Mono's C# compiler, against APIM's documented
 * context API ({@code apim-context.cs}), so misspelt members, wrong types, non-bool conditions,
 * missing casts and types the policy runtime does not allow are found before a deployment. All
 * documents of one plan or lint call go through one compiler run.
 */
public final class ExpressionCompiler {

    /**
     * The outcome of one run: findings, how many expressions were compiled (in all, and per
     * document in the order given), and how long it took.
     */
    public record Result(List<Finding> findings, int expressions, long millis, List<Integer> perDocument) {}

    private final CSharpCompiler compiler;
    private final PolicyRules rules;

    private ExpressionCompiler(Toolchain toolchain, PolicyRules rules) {
        this.compiler = new CSharpCompiler(toolchain);
        this.rules = rules;
    }

    /** The compiler when the toolchain is installed (see {@link Toolchain#find()}). */
    public static Optional<ExpressionCompiler> find() {
        return Toolchain.find().map(t -> new ExpressionCompiler(t, PolicyRules.standard()));
    }

    /** What to install when {@link #find()} finds nothing. */
    public static String installHint() {
        return Toolchain.installHint();
    }

    /** Compile every expression of {@code docs} in one compiler run, named values replaced by stand-ins. */
    public Result compile(List<ParsedPolicy> docs) {
        return compile(docs, NamedValues.placeholders());
    }

    /** Compile every expression of {@code docs} in one compiler run, with these named values. */
    public Result compile(List<ParsedPolicy> docs, NamedValues namedValues) {
        long start = System.nanoTime();
        List<ExpressionSource.Slot> slots = ExpressionSource.slots(docs, rules, namedValues);
        Integer[] counts = new Integer[docs.size()];
        java.util.Arrays.fill(counts, 0);
        slots.forEach(slot -> counts[slot.doc()]++);
        List<Integer> perDocument = List.of(counts);
        if (slots.isEmpty()) {
            return new Result(List.of(), 0, 0, perDocument);
        }
        ContextApi api = ContextApi.standard();
        ExpressionSource source = ExpressionSource.generate(docs, slots, api, ExpressionSource.CHECK);
        Diagnostics diagnostics = new Diagnostics(docs, source, api);
        List<Finding> findings = new ArrayList<>(diagnostics.qualifiedNames());
        findings.addAll(diagnostics.fromCompiler(compiler.check(source.text())));
        Diagnostics.sort(findings);
        return new Result(findings, slots.size(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start), perDocument);
    }
}
