package dev.aigateway.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aigateway.policy.PolicyCheck.Scope;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Element;

class PolicyCheckTest {
    private static final PolicyCheck CHECK = PolicyCheck.standard();

    static Stream<Path> corpus() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("src/test/resources/corpus/apim-policies"))) {
            return files.filter(p -> p.toString().endsWith(".xml")).sorted().toList().stream();
        }
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

    static Stream<Arguments> badPolicies() {
        String ok = "<backend><base /></backend><outbound><base /></outbound><on-error><base /></on-error>";
        return Stream.of(
                Arguments.of("unclosed expression",
                        "<policies><inbound><base /><set-variable name=\"a\" value=\"@(context.Request.Id\" /></inbound></policies>",
                        "expression is not closed"),
                Arguments.of("text after an expression in one attribute",
                        "<policies><inbound><base /><set-variable name=\"a\" value=\"@(1) and more\" /></inbound></policies>",
                        "an attribute holding an expression must hold only the expression"),
                Arguments.of("unbalanced brackets",
                        "<policies><inbound><base /><set-variable name=\"a\" value=\"@{ return (1; }\" /></inbound></policies>",
                        "expected ')' but found '}'"),
                Arguments.of("not well-formed",
                        "<policies><inbound><base /></outbound></policies>", "not well-formed XML"),
                Arguments.of("wrong root", "<policy><inbound /></policy>", "root element must be <policies>"),
                Arguments.of("duplicate section",
                        "<policies><inbound><base /></inbound><inbound><base /></inbound>" + ok + "</policies>",
                        "section <inbound> appears twice"),
                Arguments.of("sections out of order",
                        "<policies><outbound><base /></outbound><inbound><base /></inbound></policies>",
                        "section <inbound> is out of order"),
                Arguments.of("missing base",
                        "<policies><inbound><set-header name=\"a\" exists-action=\"delete\" /></inbound>" + ok + "</policies>",
                        "section <inbound> must keep <base/>"),
                Arguments.of("backend that never forwards",
                        "<policies><inbound><base /></inbound><backend><set-header name=\"a\" exists-action=\"delete\" /></backend></policies>",
                        "requests are never forwarded"),
                Arguments.of("unknown element",
                        "<policies><inbound><base /><set-headers name=\"a\" /></inbound>" + ok + "</policies>",
                        "unknown policy element <set-headers>"),
                Arguments.of("policy in the wrong section",
                        "<policies><inbound><base /><forward-request /></inbound>" + ok + "</policies>",
                        "<forward-request> is not allowed in <inbound>"),
                Arguments.of("policy in the wrong scope",
                        "<policies><inbound><base /><quota calls=\"1\" renewal-period=\"60\" /></inbound>" + ok + "</policies>",
                        "<quota> is not allowed at api scope"),
                Arguments.of("missing required attribute",
                        "<policies><inbound><base /><authentication-managed-identity /></inbound>" + ok + "</policies>",
                        "attribute 'resource' is required"),
                Arguments.of("choose with a stray child",
                        "<policies><inbound><base /><choose><set-header name=\"a\" exists-action=\"delete\" /></choose></inbound>" + ok
                                + "</policies>",
                        "<choose> may only contain <when> and <otherwise>"),
                Arguments.of("nested policy checked inside when",
                        "<policies><inbound><base /><choose><when condition=\"@(true)\"><forward-request /></when></choose></inbound>"
                                + ok + "</policies>",
                        "<forward-request> is not allowed in <inbound>"),
                Arguments.of("undefined fragment",
                        "<policies><inbound><base /><include-fragment fragment-id=\"nope\" /></inbound>" + ok + "</policies>",
                        "fragment 'nope' is not defined"),
                Arguments.of("doctype", "<!DOCTYPE x><policies />", "DOCTYPE"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badPolicies")
    void badPoliciesAreRejected(String what, String xml, String message) {
        assertThatThrownBy(() -> CHECK.checkPolicy("p", Scope.API, xml, Map.of()))
                .isInstanceOf(PolicyException.class)
                .hasMessageContaining(message);
    }

    @Test
    void fragmentsCannotHoldSectionsBaseOrOtherFragments() {
        for (String body : List.of("<base />", "<include-fragment fragment-id=\"x\" />", "<inbound />")) {
            assertThatThrownBy(() -> CHECK.checkFragment("f", "<fragment>" + body + "</fragment>"))
                    .isInstanceOf(PolicyException.class);
        }
        assertThatThrownBy(() -> CHECK.checkFragment("f", "<policies />"))
                .hasMessageContaining("root element must be <fragment>");
    }

    @Test
    void fragmentContentIsCheckedForTheSectionItIsIncludedIn() {
        String fragment = "<fragment><forward-request /></fragment>";
        CHECK.checkFragment("f", fragment);
        String policy = "<policies><inbound><base /><include-fragment fragment-id=\"f\" /></inbound></policies>";
        assertThatThrownBy(() -> CHECK.checkPolicy("p", Scope.API, policy, Map.of("f", fragment)))
                .hasMessageContaining("inbound/include-fragment[f]/forward-request: <forward-request> is not allowed in <inbound>");
    }

    @Test
    void oversizedPolicyIsRejected() {
        String big = "<policies><inbound><base /><!--" + "x".repeat(256 * 1024) + "--></inbound></policies>";
        assertThatThrownBy(() -> CHECK.checkPolicy("p", Scope.API, big, Map.of()))
                .hasMessageContaining("larger than 256 KiB");
    }
}
