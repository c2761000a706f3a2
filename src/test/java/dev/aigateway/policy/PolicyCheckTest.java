package dev.aigateway.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aigateway.policy.PolicyCheck.Scope;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Element;

class PolicyCheckTest {
    private static final PolicyCheck CHECK = PolicyCheck.standard();

    static Stream<Path> corpus() throws IOException {
        return CorpusFiles.list();
    }

    /** Real-world rawxml, most of it not strict XML: the scanner must understand every expression. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void realWorldPoliciesAreWellFormedOnceExpressionsAreUnderstood(Path file) throws IOException {
        String text = Files.readString(file);
        Element root = PolicyCheck.parse(file.getFileName().toString(), text);
        assertThat(root.getTagName()).isIn("policies", "fragment");
    }

    @Test
    void corpusHasTheFilesItShould() throws IOException {
        assertThat(corpus().count()).isEqualTo(20);
    }

    @Test
    void expressionsKeepTheirTextThroughStrictXml() {
        String raw = "<policies><inbound><base /><set-variable name=\"x\" value=\"@(context.Request.Headers.GetValueOrDefault(\"a\", \"<b>\"))\" /></inbound></policies>";
        Element root = PolicyCheck.parse("t", raw);
        Element setVariable = (Element) root.getElementsByTagName("set-variable").item(0);
        assertThat(setVariable.getAttribute("value"))
                .isEqualTo("@(context.Request.Headers.GetValueOrDefault(\"a\", \"<b>\"))");
    }

    @Test
    void aValidPolicyWithFragmentsPasses() {
        String fragment = "<fragment><set-header name=\"x\" exists-action=\"delete\" /></fragment>";
        String policy = "<policies><inbound><base /><include-fragment fragment-id=\"f\" /></inbound>"
                + "<backend><forward-request /></backend><outbound><base /></outbound><on-error><base /></on-error></policies>";
        assertThatCode(() -> CHECK.checkFragment("f", fragment)).doesNotThrowAnyException();
        assertThatCode(() -> CHECK.checkPolicy("p", Scope.API, policy, Map.of("f", fragment))).doesNotThrowAnyException();
    }

    @Test
    void errorsBecomeOneExceptionWithEveryLocatedFinding() {
        String xml = "<policies><inbound><set-headers name=\"a\" /></inbound></policies>";
        assertThatThrownBy(() -> CHECK.checkPolicy("p", Scope.API, xml, Map.of()))
                .isInstanceOf(PolicyException.class)
                .hasMessageContaining("p:1:11: error: [base-missing]")
                .hasMessageContaining("p:1:20: error: [unknown-element] policies/inbound/set-headers");
    }

    @Test
    void aFragmentMustHaveTheFragmentRoot() {
        assertThatThrownBy(() -> CHECK.checkFragment("f", "<policies />"))
                .hasMessageContaining("[root]");
    }

    @Test
    void warningsDoNotFailTheCheck() {
        String xml = "<policies><outbound><base /></outbound><inbound><base /></inbound></policies>";
        assertThatCode(() -> CHECK.checkPolicy("p", Scope.API, xml, Map.of())).doesNotThrowAnyException();
    }
}
