package dev.aigateway.lint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aigateway.lint.Finding.Severity;
import dev.aigateway.lint.Scope;
import dev.aigateway.lint.PolicyLinter.Options;
import dev.aigateway.lint.PolicyLinter.References;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each rule of the linter, one bad document at a time, and the documents each rule must let pass. */
class PolicyLinterTest {
    private static final PolicyLinter LINTER = PolicyLinter.standard();
    private static final String REST = "<backend><base /></backend><outbound><base /></outbound><on-error><base /></on-error>";

    static String inbound(String policies) {
        return "<policies><inbound><base />" + policies + "</inbound>" + REST + "</policies>";
    }

    static List<Finding> lint(String xml, Scope scope) {
        return LINTER.lint("p.xml", xml, Options.at(scope), References.none());
    }

    static List<String> errorRules(List<Finding> findings) {
        return findings.stream().filter(Finding::isError).map(Finding::rule).toList();
    }

    static Stream<Arguments> badDocuments() {
        return Stream.of(
                Arguments.of("unclosed expression", inbound("<set-variable name=\"a\" value=\"@(context.Request.Id\" />"), "syntax"),
                Arguments.of("unbalanced brackets", inbound("<set-variable name=\"a\" value=\"@{ return (1; }\" />"), "syntax"),
                Arguments.of("text after an expression", inbound("<set-variable name=\"a\" value=\"@(1) and more\" />"), "syntax"),
                Arguments.of("mismatched end tag", "<policies><inbound><base /></outbound></policies>", "syntax"),
                Arguments.of("bad entity", inbound("<set-body>a &nbsp; b</set-body>"), "syntax"),
                Arguments.of("doctype", "<!DOCTYPE x><policies />", "syntax"),
                Arguments.of("duplicate attribute", inbound("<set-variable name=\"a\" name=\"b\" value=\"1\" />"), "syntax"),
                Arguments.of("wrong root", "<policy><inbound /></policy>", "root"),
                Arguments.of("unknown section", "<policies><inbund><base /></inbund></policies>", "section-unknown"),
                Arguments.of("duplicate section", "<policies><inbound><base /></inbound><inbound><base /></inbound>" + REST + "</policies>",
                        "section-duplicate"),
                Arguments.of("missing base", "<policies><inbound /><outbound><base /></outbound></policies>", "base-missing"),
                Arguments.of("backend that never forwards", "<policies><inbound><base /></inbound><backend><set-header name=\"a\" exists-action=\"delete\" /></backend></policies>",
                        "base-missing"),
                Arguments.of("unknown policy", inbound("<set-headers name=\"a\" />"), "unknown-element"),
                Arguments.of("unknown child", inbound("<set-header name=\"a\"><valu>x</valu></set-header>"), "unknown-element"),
                Arguments.of("stray child of choose", inbound("<choose><when condition=\"@(true)\" /><set-header name=\"a\" /></choose>"), "unknown-element"),
                Arguments.of("unknown attribute", inbound("<set-header name=\"a\" exist-action=\"delete\" />"), "unknown-attribute"),
                Arguments.of("missing required attribute", inbound("<authentication-managed-identity />"), "required-attribute"),
                Arguments.of("missing required child attribute", inbound("<choose><when><base /></when></choose>"), "required-attribute"),
                Arguments.of("none of one-of", inbound("<set-backend-service />"), "one-of"),
                Arguments.of("token-quota without its period",
                        inbound("<llm-token-limit counter-key=\"k\" estimate-prompt-tokens=\"false\" token-quota=\"10\" />"), "co-required"),
                Arguments.of("forward-request in inbound", inbound("<forward-request />"), "section"),
                Arguments.of("policy in a when in the wrong section", inbound("<choose><when condition=\"@(true)\"><forward-request /></when></choose>"),
                        "section"),
                Arguments.of("quota at API scope", inbound("<quota calls=\"1\" renewal-period=\"60\" />"), "scope"),
                Arguments.of("rate-limit twice", inbound("<rate-limit calls=\"1\" renewal-period=\"60\" /><rate-limit calls=\"2\" renewal-period=\"60\" />"), "once"),
                Arguments.of("rate-limit in two sections",
                        "<policies><inbound><base /><rate-limit calls=\"1\" renewal-period=\"60\" /></inbound><outbound><base />"
                                + "<rate-limit calls=\"1\" renewal-period=\"60\" /></outbound></policies>", "once"),
                Arguments.of("cors twice in a section (only the first applies)",
                        inbound("<cors><allowed-origins><origin>*</origin></allowed-origins></cors><cors><allowed-origins><origin>*</origin></allowed-origins></cors>"), "once"),
                Arguments.of("cache-lookup twice in a section",
                        inbound("<cache-lookup vary-by-developer=\"false\" vary-by-developer-groups=\"false\" />"
                                + "<cache-lookup vary-by-developer=\"false\" vary-by-developer-groups=\"false\" />"), "once"),
                Arguments.of("integer attribute", inbound("<rate-limit calls=\"ten\" renewal-period=\"60\" />"), "value"),
                Arguments.of("boolean attribute", inbound("<authentication-managed-identity resource=\"r\" ignore-error=\"yes\" />"), "value"),
                Arguments.of("enumerated attribute", inbound("<set-header name=\"a\" exists-action=\"replace\" />"), "value"),
                Arguments.of("expression where only literals go", inbound("<rate-limit calls=\"@(10)\" renewal-period=\"60\" />"), "value"),
                Arguments.of("expression inside a literal value", inbound("<set-variable name=\"a\" value=\"id-@(context.RequestId)\" />"), "whole-expression"),
                Arguments.of("text mixed with an expression", inbound("<set-header name=\"a\"><value>Bearer @(context.RequestId)</value></set-header>"),
                        "whole-expression"),
                Arguments.of("text where none goes", inbound("<set-header name=\"a\">x</set-header>"), "text"),
                Arguments.of("too many dimensions", inbound("<llm-emit-token-metric>" + "<dimension name=\"a\" />".repeat(6) + "</llm-emit-token-metric>"),
                        "child-count"),
                Arguments.of("choose without when", inbound("<choose><otherwise /></choose>"), "child-count"),
                Arguments.of("retry without a buffered body", "<policies><inbound><base /></inbound><backend><retry condition=\"@(true)\" count=\"2\" interval=\"1\">"
                        + "<forward-request /></retry></backend></policies>", "retry-buffer"),
                Arguments.of("semantic cache on the streaming path",
                        "<policies><inbound><base /><azure-openai-semantic-cache-lookup score-threshold=\"0.8\" embeddings-backend-id=\"e\" "
                                + "embeddings-backend-auth=\"system-assigned\" /></inbound><backend><forward-request buffer-response=\"false\" /></backend></policies>",
                        "streaming-cache"),
                Arguments.of("model endpoint without managed identity",
                        "<policies><inbound><base /><set-backend-service base-url=\"https://x.openai.azure.com/openai\" /></inbound>" + REST + "</policies>",
                        "openai-auth"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badDocuments")
    void eachRuleCatchesItsMistake(String what, String xml, String rule) {
        List<Finding> findings = lint(xml, Scope.API);
        if (WARNED.contains(what)) {
            // Valid APIM that is seldom meant, or a limit only the reference states: a warning, not an error.
            assertThat(findings).filteredOn(f -> f.rule().equals(rule)).isNotEmpty().noneMatch(Finding::isError);
        } else {
            assertThat(errorRules(findings)).contains(rule);
        }
    }

    /** The bad documents whose finding is a warning by the rule data's evidence. */
    static final java.util.Set<String> WARNED = java.util.Set.of("missing base", "backend that never forwards", "rate-limit twice",
            "rate-limit in two sections", "cache-lookup twice in a section");

    @Test
    void aGoodDocumentHasNoFindings() {
        String xml = "<policies>\n  <inbound>\n    <base />\n"
                + "    <authentication-managed-identity resource=\"https://cognitiveservices.azure.com\" />\n"
                + "    <set-backend-service base-url=\"https://x.openai.azure.com/openai\" />\n"
                + "    <set-variable name=\"v\" value=\"@(context.Request.Headers.GetValueOrDefault(\"a\", \"<b>\"))\" />\n"
                + "    <rate-limit-by-key calls=\"@(10)\" renewal-period=\"60\" counter-key=\"{{key}}\" />\n"
                + "    <choose><when condition=\"@(true)\"><rate-limit calls=\"1\" renewal-period=\"60\" /></when>"
                + "<otherwise><rate-limit calls=\"2\" renewal-period=\"60\" /></otherwise></choose>\n"
                + "  </inbound>\n  <backend>\n    <retry condition=\"@(true)\" count=\"2\" interval=\"0\">\n"
                + "      <forward-request buffer-request-body=\"true\" />\n    </retry>\n  </backend>\n</policies>";
        assertThat(lint(xml, Scope.API)).isEmpty();
    }

    @Test
    void findingsAreLocatedAtTheElementOrValue() {
        String xml = "<policies>\n  <inbound>\n    <base />\n    <rate-limit calls=\"ten\" renewal-period=\"60\" />\n    <set-headers />\n"
                + "  </inbound>\n</policies>";
        List<Finding> findings = lint(xml, Scope.API);
        assertThat(findings).extracting(Finding::rule, Finding::line, Finding::column, Finding::element).containsExactly(
                org.assertj.core.groups.Tuple.tuple("value", 4, 24, "policies/inbound/rate-limit"),
                org.assertj.core.groups.Tuple.tuple("unknown-element", 5, 5, "policies/inbound/set-headers"));
        assertThat(findings.get(1).hint()).isEqualTo("did you mean 'set-header'?");
        assertThat(findings.get(0).toString())
                .isEqualTo("p.xml:4:24: error: [value] policies/inbound/rate-limit: attribute 'calls' must be a whole number (got 'ten')");
    }

    @Test
    void syntaxErrorsAreLocated() {
        List<Finding> findings = lint("<policies>\n  <inbound>\n    <set-variable name=\"a\" value=\"@(x(1]\" />\n  </inbound>\n</policies>", Scope.API);
        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.rule()).isEqualTo("syntax");
            assertThat(f.line()).isEqualTo(3);
            assertThat(f.column()).isEqualTo(40);
            assertThat(f.message()).isEqualTo("expected ')' but found ']' in expression");
        });
    }

    @Test
    void sectionOrderIsAWarning() {
        List<Finding> findings = lint("<policies><outbound><base /></outbound><inbound><base /></inbound></policies>", Scope.API);
        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.rule()).isEqualTo("section-order");
            assertThat(f.severity()).isEqualTo(Severity.WARNING);
        });
    }

    @Test
    void unknownAttributesCanBeWarnings() {
        String xml = inbound("<set-header name=\"a\" exist-action=\"delete\" />");
        List<Finding> findings = LINTER.lint("p.xml", xml, new Options(Scope.API, true, false), References.none());
        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.WARNING);
            assertThat(f.hint()).contains("did you mean 'exists-action'?");
        });
    }

    @Test
    void scopesFollowTheReference() {
        String quota = inbound("<quota calls=\"1\" renewal-period=\"60\" />");
        assertThat(errorRules(lint(quota, Scope.PRODUCT))).isEmpty();
        assertThat(errorRules(lint(quota, Scope.OPERATION))).containsExactly("scope");
        String rateLimit = "<policies><inbound><rate-limit calls=\"1\" renewal-period=\"60\" /></inbound></policies>";
        assertThat(errorRules(lint(rateLimit, Scope.GLOBAL))).containsExactly("scope");
        // base is not required at global scope, where it has no effect.
        assertThat(errorRules(lint("<policies><inbound /></policies>", Scope.GLOBAL))).isEmpty();
    }

    @Test
    void whereDocumentationPagesDisagreeTheLinterAccepts() {
        // The trace page omits on-error; the error-handling page allows trace there.
        String xml = "<policies><inbound><base /></inbound><on-error><base /><trace source=\"s\"><message>m</message></trace></on-error></policies>";
        assertThat(lint(xml, Scope.API)).isEmpty();
    }

    @Test
    void exclusiveBranchesMayEachHoldAOnceOnlyPolicy() {
        String xml = inbound("<choose><when condition=\"@(true)\"><cache-lookup vary-by-developer=\"false\" vary-by-developer-groups=\"false\" /></when>"
                + "<otherwise><cache-lookup vary-by-developer=\"false\" vary-by-developer-groups=\"false\" /></otherwise></choose>");
        assertThat(lint(xml, Scope.API)).isEmpty();
    }

    @Test
    void aCacheInTheBufferedBranchIsNotOnTheStreamingPath() {
        String cache = "<azure-openai-semantic-cache-store duration=\"60\" />";
        String xml = "<policies><inbound><base /></inbound><backend><choose>"
                + "<when condition=\"@(true)\"><forward-request buffer-response=\"false\" /></when>"
                + "<otherwise><forward-request />" + cache.replace("store", "store") + "</otherwise></choose></backend></policies>";
        // The store is in outbound in real life; in a branch of its own it cannot meet the streamed response.
        assertThat(errorRules(lint(xml.replace(cache, ""), Scope.API))).isEmpty();
        String outbound = "<policies><inbound><base /></inbound><backend><choose>"
                + "<when condition=\"@(true)\"><forward-request buffer-response=\"false\" /></when>"
                + "<otherwise><forward-request /></otherwise></choose></backend><outbound><base />" + cache + "</outbound></policies>";
        assertThat(errorRules(lint(outbound, Scope.API))).containsExactly("streaming-cache");
    }

    @Test
    void documentSizeLimits() {
        String big = inbound("<!--" + "x".repeat(20 * 1024) + "-->");
        assertThat(errorRules(lint(big, Scope.API))).isEmpty();
        assertThat(errorRules(LINTER.lint("p", big, new Options(Scope.API, false, true), References.none()))).containsExactly("size");
        String huge = inbound("<!--" + "x".repeat(256 * 1024) + "-->");
        assertThat(errorRules(lint(huge, Scope.API))).containsExactly("size");
    }

    @Test
    void fragmentsHoldNoSectionsNoBaseAndNoIncludes() {
        for (var c : Map.of("<inbound />", "fragment-sections", "<base />", "fragment-base",
                "<include-fragment fragment-id=\"x\" />", "fragment-nested").entrySet()) {
            assertThat(errorRules(LINTER.lint("f", "<fragment>" + c.getKey() + "</fragment>", Options.fragment(), References.none())))
                    .as(c.getKey()).contains(c.getValue());
        }
    }

    @Test
    void referencesMustExistInThePlan() {
        References refs = new References(Map.of("f", "<fragment><set-header name=\"a\" exists-action=\"delete\" /></fragment>"),
                Set.of("pool-a"), Set.of(), Set.of("appinsights"));
        String good = inbound("<include-fragment fragment-id=\"f\" /><set-backend-service backend-id=\"pool-a\" />"
                + "<log-to-eventhub logger-id=\"appinsights\">@(\"x\")</log-to-eventhub>");
        assertThat(LINTER.lint("p", good, Options.at(Scope.API), refs)).isEmpty();
        String bad = inbound("<include-fragment fragment-id=\"g\" /><set-backend-service backend-id=\"pool-b\" />"
                + "<log-to-eventhub logger-id=\"hub\">@(\"x\")</log-to-eventhub><llm-content-safety backend-id=\"cs\" />");
        assertThat(errorRules(LINTER.lint("p", bad, Options.at(Scope.API), refs))).containsExactly("reference", "reference", "reference", "reference");
        // Computed ids and named values are resolved at run time, so they are not references here.
        String computed = inbound("<set-backend-service backend-id=\"@(&quot;x&quot;)\" /><set-backend-service backend-id=\"{{b}}\" />");
        assertThat(LINTER.lint("p", computed, Options.at(Scope.API), refs)).isEmpty();
    }

    @Test
    void includedFragmentsAreCheckedForTheSectionTheyLandIn() {
        String fragment = "<fragment><forward-request /></fragment>";
        assertThat(LINTER.lint("f", fragment, Options.fragment(), References.none())).isEmpty();
        String policy = "<policies><inbound><base />\n<include-fragment fragment-id=\"f\" /></inbound></policies>";
        List<Finding> findings = LINTER.lint("p", policy, Options.at(Scope.API), References.fragmentsOnly(Map.of("f", fragment)));
        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.rule()).isEqualTo("section");
            assertThat(f.line()).isEqualTo(2);
            assertThat(f.element()).isEqualTo("policies/inbound/include-fragment[f]/forward-request");
            assertThat(f.message()).isEqualTo("in fragment 'f': <forward-request> is not allowed in <inbound>");
        });
    }

    @Test
    void modelAuthenticationMayComeFromAFragmentAndComputedBackendsCount() {
        String auth = "<fragment><authentication-managed-identity resource=\"https://cognitiveservices.azure.com\" /></fragment>";
        String route = "<fragment><set-variable name=\"b\" value=\"openai-eastus|1|1\" />"
                + "<set-backend-service backend-id=\"@((string)context.Variables[&quot;b&quot;])\" /></fragment>";
        String policy = "<policies><inbound><base />FRAGMENTS</inbound>" + REST + "</policies>";
        References refs = new References(Map.of("auth", auth, "route", route), Set.of("openai-eastus"), Set.of("openai-eastus"), Set.of());
        String with = policy.replace("FRAGMENTS", "<include-fragment fragment-id=\"auth\" /><include-fragment fragment-id=\"route\" />");
        assertThat(LINTER.lint("p", with, Options.at(Scope.API), refs)).isEmpty();
        String without = policy.replace("FRAGMENTS", "<include-fragment fragment-id=\"route\" />");
        assertThat(errorRules(LINTER.lint("p", without, Options.at(Scope.API), refs))).containsExactly("openai-auth");
    }
}
