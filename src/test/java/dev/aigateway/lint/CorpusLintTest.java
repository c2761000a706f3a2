package dev.aigateway.lint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aigateway.lint.Scope;
import dev.aigateway.lint.PolicyLinter.Options;
import dev.aigateway.lint.PolicyLinter.References;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The real-world corpus: 20 policies from public AI-gateway projects. A file without template
 * placeholders must lint clean; a file with them may only have findings where a placeholder stands.
 */
class CorpusLintTest {
    static final Path CORPUS = Path.of("src/test/resources/corpus/apim-policies");
    /** Single-brace tokens a sample's notebook replaces before deployment; not APIM syntax. */
    static final Pattern PLACEHOLDER = Pattern.compile("(?<!\\{)\\{[A-Za-z][A-Za-z0-9-]*\\}(?!\\})");

    /**
     * Findings in the corpus that are right, each with the rule APIM or the runtime applies. The
     * INDEX lists no placeholders for the two zero-to-production files, but they hold
     * {retry-count} and {tpm}: retry's count and the token limit's tokens-per-minute must be a
     * number or a policy expression (retry and azure-openai-token-limit reference pages).
     */
    static final Map<String, List<String>> EXPECTED = Map.of(
            // forward-request reference: buffer-request-body "when set to true, request is buffered
            // and will be reused on retry". Without it, a retried request with a body goes out empty.
            "api-management-policy-snippets__examples_Back-end_API_redundancy.policy.xml", List.of("retry-buffer"));

    static Stream<Path> corpus() throws IOException {
        return CorpusFiles.list();
    }

    /** Product policies are linted at product scope, fragments as fragments, the rest at API scope. */
    static Options optionsFor(Path file, String text) {
        if (text.contains("<fragment>")) {
            return Options.fragment();
        }
        return Options.at(file.getFileName().toString().contains("product_policy") ? Scope.PRODUCT : Scope.API);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void findingsOnlyWherePlaceholdersStandOrWhereTheFileIsWrong(Path file) throws IOException {
        String text = Files.readString(file);
        String name = file.getFileName().toString();
        List<Finding> findings = PolicyLinter.standard().lint(name, text, optionsFor(file, text), References.none());
        String[] lines = text.split("\n", -1);
        List<Finding> unexplained = new ArrayList<>();
        List<String> expected = new ArrayList<>(EXPECTED.getOrDefault(name, List.of()));
        for (Finding f : findings) {
            if (PLACEHOLDER.matcher(lines[f.line() - 1]).find() || expected.remove(f.rule())) {
                continue;
            }
            unexplained.add(f);
        }
        assertThat(unexplained).as("findings a placeholder does not explain").isEmpty();
        assertThat(expected).as("expected findings that were not reported").isEmpty();
        if (!placeholders(text) && !EXPECTED.containsKey(name)) {
            assertThat(findings).isEmpty();
        }
    }

    static boolean placeholders(String text) {
        Matcher m = PLACEHOLDER.matcher(text.replaceAll("@\\(.*?\\)\"", ""));
        return m.find();
    }
}
