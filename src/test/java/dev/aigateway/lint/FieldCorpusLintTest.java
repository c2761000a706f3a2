package dev.aigateway.lint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aigateway.lint.PolicyLinter.References;
import dev.aigateway.lint.compile.ExpressionCompiler;
import dev.aigateway.testing.CompilerAvailable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Real policies that Microsoft's labs, the AI Hub Gateway accelerator and the policy snippets
 * deploy (src/test/resources/corpus/field-policies, sources and commits in its INDEX.txt), linted
 * and compiled as a new user would with {@code lint --compile}. APIM accepts them, so they lint
 * without errors, except the findings listed here, which are right. What the reference documents
 * but APIM does not enforce (several cache-store-value in a section, set-status without reason)
 * may only be a warning that says so.
 */
class FieldCorpusLintTest {
    static final Path FIELD = Path.of("src/test/resources/corpus/field-policies");

    /** Errors that are right: the file as stored would be refused, or fails at run time. */
    static final Map<String, List<String>> TRUE_ERRORS = Map.of(
            // forward-request inside retry without buffer-request-body="true": a retried POST goes out empty.
            "ai-hub-gateway-solution-accelerator__infra_modules_apim_policies_frag-backend-routing.xml", List.of("retry-buffer", "retry-buffer"),
            // {group-id} is filled in by the lab's Bicep; left in, it is C# code in an interpolated string.
            "AI-Gateway__labs_ghcp-byok-foundry_entra-policy.xml", List.of("template-placeholder"));

    /** Warnings whose evidence is in the rule data: documented-only limits, a valid but unusual structure, a cross-document type risk. */
    static final Set<String> WARNINGS = Set.of("once", "required-attribute", "base-missing", "variable-type");

    static List<Path> files() throws IOException {
        try (Stream<Path> s = Files.list(FIELD)) {
            return s.filter(p -> p.toString().endsWith(".xml")).sorted().toList();
        }
    }

    @Test
    void atLeastTenFilesCoverEveryKindTheyWereChosenFor() throws IOException {
        List<String> index = Files.readAllLines(FIELD.resolve("INDEX.txt")).stream().filter(l -> !l.startsWith("#")).toList();
        assertThat(files()).hasSizeGreaterThanOrEqualTo(10).hasSize(index.size());
        for (String feature : List.of("multi-store", "status-no-reason", "namedvalue-in-code", "fragment")) {
            assertThat(index.stream().filter(l -> l.contains(feature)).count()).as(feature).isGreaterThanOrEqualTo(3);
        }
        for (String line : index) {
            String[] cols = line.split("\t");
            assertThat(cols[3]).as(cols[0] + " commit").matches("[0-9a-f]{40}");
            assertThat(Files.size(FIELD.resolve(cols[0]))).as(cols[0] + " bytes").isEqualTo(Long.parseLong(cols[4]));
        }
    }

    @Test
    void theyLintAndCompileWithoutFalseErrors() throws IOException {
        ExpressionCompiler compiler = CompilerAvailable.get();
        List<ParsedPolicy> parsed = new ArrayList<>();
        Map<String, List<Finding>> byFile = new TreeMap<>();
        for (Path file : files()) {
            String text = Files.readString(file);
            String name = file.getFileName().toString();
            ParsedPolicy doc = PolicyParser.parse(name, text);
            parsed.add(doc);
            byFile.computeIfAbsent(name, k -> new ArrayList<>())
                    .addAll(PolicyLinter.standard().lint(doc, CorpusLintTest.optionsFor(file, text), References.none()));
        }
        ExpressionCompiler.Result compiled = compiler.compile(parsed);
        compiled.findings().forEach(f -> byFile.computeIfAbsent(f.source(), k -> new ArrayList<>()).add(f));
        assertThat(compiled.expressions()).as("every expression, named values in code included, is compiled").isGreaterThan(300);
        assertThat(compiled.perDocument()).hasSize(parsed.size());

        byFile.forEach((name, findings) -> {
            List<String> errors = findings.stream().filter(Finding::isError).map(Finding::rule).toList();
            assertThat(errors).as(name + ": " + findings).containsExactlyInAnyOrderElementsOf(TRUE_ERRORS.getOrDefault(name, List.of()));
            assertThat(findings.stream().filter(f -> !f.isError()).map(Finding::rule)).as(name).allMatch(WARNINGS::contains);
        });
    }

    /** The three kinds of false alarm these files raised, now warnings that say why. */
    @Test
    void documentedButUnenforcedLimitsAreWarningsThatSaySo() throws IOException {
        Path oauth = FIELD.resolve("api-management-policy-snippets__examples_oauth-proxy_oauth-proxy-sign-in.xml");
        String text = Files.readString(oauth);
        List<Finding> findings = PolicyLinter.standard().lint(oauth.getFileName().toString(), text, CorpusLintTest.optionsFor(oauth, text),
                References.none());
        assertThat(findings).filteredOn(f -> f.rule().equals("once")).singleElement().satisfies(f -> {
            assertThat(f.isError()).isFalse();
            assertThat(f.message()).contains("is documented to appear once per section").contains("APIM accepts more");
        });
        assertThat(findings).filteredOn(f -> f.rule().equals("required-attribute")).singleElement().satisfies(f -> {
            assertThat(f.isError()).isFalse();
            assertThat(f.message()).contains("'reason' is documented as required, but APIM accepts <set-status> without it");
        });
    }
}
