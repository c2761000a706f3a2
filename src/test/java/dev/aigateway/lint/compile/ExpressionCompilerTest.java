package dev.aigateway.lint.compile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aigateway.lint.Finding;
import dev.aigateway.lint.ParsedPolicy;
import dev.aigateway.lint.PolicyLinter;
import dev.aigateway.lint.PolicyParser;
import dev.aigateway.lint.Scope;
import dev.aigateway.testing.CompilerAvailable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Policy expressions compiled against the APIM context stub. */
class ExpressionCompilerTest {

    static String policy(String inbound) {
        return "<policies>\n<inbound>\n<base />\n" + inbound + "\n</inbound>\n</policies>";
    }

    static String header(String expression) {
        return "<set-header name=\"x\" exists-action=\"override\"><value>" + expression + "</value></set-header>";
    }

    static String variable(String expression) {
        return "<set-variable name=\"v\" value=\"" + expression + "\" />";
    }

    static String when(String condition) {
        return "<choose><when condition=\"" + condition + "\"><set-variable name=\"w\" value=\"1\" /></when></choose>";
    }

    /** Broken expressions: what is wrong, the policy, and the rule that must catch it on line 4. */
    static Stream<Arguments> broken() {
        return Stream.of(
                // misspelt members
                Arguments.of("misspelt Request", header("@(context.Requst.Method)"), "expression-compile", "CS1061"),
                Arguments.of("misspelt Headers", header("@(context.Request.Header.GetValueOrDefault(\"a\", \"\"))"), "expression-compile", "CS1061"),
                Arguments.of("misspelt GetValueOrDefault", header("@(context.Request.Headers.GetValueOrDefualt(\"a\", \"\"))"), "expression-compile", "CS1061"),
                Arguments.of("misspelt StatusCode", when("@(context.Response.Status == 429)"), "expression-compile", "CS1061"),
                Arguments.of("misspelt Subscription", header("@(context.Subscriptions.Id)"), "expression-compile", "CS1061"),
                Arguments.of("misspelt Variables", variable("@(context.Variable[&quot;a&quot;])"), "expression-compile", "CS1061"),
                Arguments.of("member of the wrong object", header("@(context.Api.IpAddress)"), "expression-compile", "CS1061"),
                Arguments.of("undocumented Deployment member", header("@(context.Deployment.Gateway.Id)"), "expression-compile", "CS1061"),
                Arguments.of("misspelt string method", header("@(context.Request.Method.ToLowr())"), "expression-compile", "CS1061"),
                Arguments.of("misspelt JObject member", variable("@(context.Request.Body.As&lt;JObject&gt;().Propertys())"), "expression-compile", "CS1061"),
                // wrong argument types
                Arguments.of("int as header default", header("@(context.Request.Headers.GetValueOrDefault(\"a\", 5))"), "expression-compile", "CS1928"),
                Arguments.of("string to Math.Max", variable("@(Math.Max(&quot;1&quot;, 2))"), "expression-compile", "CS1502"),
                Arguments.of("bool default for a string variable", variable("@(context.Variables.GetValueOrDefault&lt;string&gt;(&quot;a&quot;, true))"), "expression-compile", "CS1928"),
                Arguments.of("As with a non-bool argument", variable("@(context.Request.Body.As&lt;string&gt;(&quot;yes&quot;))"), "expression-compile", "CS1502"),
                Arguments.of("Split on an int", header("@(context.Response.StatusCode.Split(','))"), "expression-compile", "CS1061"),
                // non-bool conditions
                Arguments.of("string condition", when("@(context.Request.Method)"), "expression-compile", "CS0029"),
                Arguments.of("int condition", when("@(context.Response.StatusCode)"), "expression-compile", "CS0029"),
                Arguments.of("assignment as condition", when("@(context.Variables.Count = 1)"), "expression-compile", "CS0200"),
                Arguments.of("non-bool retry condition", "</inbound><backend><retry condition=\"@(context.Response.StatusCode)\" count=\"2\" interval=\"0\">"
                        + "<forward-request buffer-request-body=\"true\" /></retry></backend><inbound>", "expression-compile", "CS0029"),
                // missing casts and wrong slot types
                Arguments.of("object used as string", header("@(context.Variables[\"a\"].ToUpper())"), "expression-compile", "ToUpper"),
                Arguments.of("object in a string slot", header("@(context.Variables[\"a\"])"), "expression-compile", "CS0266"),
                Arguments.of("int in a string slot", header("@(context.Response.StatusCode)"), "expression-compile", "CS0029"),
                Arguments.of("long in an int slot", "<set-status code=\"@(DateTimeOffset.UtcNow.ToUnixTimeSeconds())\" reason=\"x\" />", "expression-compile", "CS0266"),
                Arguments.of("string in an int slot", "<rate-limit-by-key calls=\"@(context.Request.Method)\" renewal-period=\"60\" counter-key=\"k\" />", "expression-compile", "CS0029"),
                Arguments.of("JToken compared to int", when("@(context.Request.Body.As&lt;JObject&gt;()[&quot;n&quot;] &gt; 1)"), "expression-compile", "CS0019"),
                // block bodies
                Arguments.of("block without a return", variable("@{ var a = 1; }"), "expression-compile", "CS0161"),
                Arguments.of("undeclared local", variable("@{ return b + 1; }"), "expression-compile", "CS0103"),
                Arguments.of("missing semicolon", variable("@{ var a = 1 return a; }"), "expression-compile", "CS1525"),
                // unbalanced parentheses (the scanner finds these before the compiler)
                Arguments.of("unbalanced parentheses", header("@(context.Request.Method.ToUpper()"), "syntax", ""),
                Arguments.of("brackets in the wrong order", variable("@{ return (1; }"), "syntax", ""),
                // types the policy runtime does not allow
                Arguments.of("System.IO.File", variable("@(System.IO.File.ReadAllText(&quot;/etc/hosts&quot;))"), "expression-type-not-allowed", ""),
                Arguments.of("Environment", variable("@(Environment.MachineName)"), "expression-type-not-allowed", ""),
                Arguments.of("Console", variable("@{ Console.WriteLine(1); return 1; }"), "expression-type-not-allowed", ""),
                Arguments.of("SortedDictionary", variable("@(new SortedDictionary&lt;string, int&gt;())"), "expression-type-not-allowed", ""),
                Arguments.of("Thread via full name", variable("@{ System.Threading.Thread.Sleep(10); return 1; }"), "expression-type-not-allowed", ""),
                Arguments.of("Process", variable("@(System.Diagnostics.Process.GetCurrentProcess().Id)"), "expression-type-not-allowed", ""),
                Arguments.of("File via using", variable("@(File.Exists(&quot;x&quot;))"), "expression-type-not-allowed", ""),
                // variables read as the wrong type (warnings: they compile, and fail at run time)
                Arguments.of("int read as string", "<set-variable name=\"n\" value=\"@(42)\" />\n" + variable("@((string)context.Variables[&quot;n&quot;])"),
                        "variable-type", ""),
                Arguments.of("string read as int", "<set-variable name=\"n\" value=\"text\" />\n" + variable("@(context.Variables.GetValueOrDefault&lt;int&gt;(&quot;n&quot;, 0))"),
                        "variable-type", ""),
                Arguments.of("bool read as string", "<set-variable name=\"n\" value=\"@(true)\" />\n" + variable("@(context.Variables.GetValueOrDefault&lt;string&gt;(&quot;n&quot;))"),
                        "variable-type", ""),
                Arguments.of("int read as long", "<set-variable name=\"n\" value=\"@{ return 1; }\" />\n" + variable("@((long)context.Variables[&quot;n&quot;])"),
                        "variable-type", ""),
                Arguments.of("response read as string", "<send-request mode=\"new\" response-variable-name=\"r\"><set-url>https://x</set-url></send-request>\n"
                        + variable("@((string)context.Variables[&quot;r&quot;])"), "variable-type", ""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("broken")
    void eachBrokenExpressionIsCaughtWhereItStands(String what, String inbound, String rule, String code) {
        ExpressionCompiler compiler = CompilerAvailable.get();
        String xml = policy(inbound);
        List<Finding> findings = new ArrayList<>(PolicyLinter.standard().lint("p.xml", xml, PolicyLinter.Options.at(Scope.API),
                PolicyLinter.References.none()).stream().filter(f -> f.rule().equals("syntax")).toList());
        if (findings.isEmpty()) {
            findings.addAll(compiler.compile(List.of(PolicyParser.parse("p.xml", xml))).findings());
        }
        assertThat(findings).as(what).anySatisfy(f -> {
            assertThat(f.rule()).isEqualTo(rule);
            assertThat(f.source()).isEqualTo("p.xml");
            assertThat(f.line()).isBetween(4, 5);
            assertThat(f.column()).isPositive();
            assertThat(f.message()).contains(code);
            if (!rule.equals("syntax")) {
                assertThat(f.element()).startsWith("policies/");
            }
        });
    }

    @Test
    void errorsPointAtTheExactColumn() {
        ExpressionCompiler compiler = CompilerAvailable.get();
        String xml = "<policies>\n  <inbound>\n    <set-header name=\"x\" exists-action=\"override\">\n"
                + "      <value>@(context.Request.Headerz.GetValueOrDefault(\"a\", \"\"))</value>\n    </set-header>\n  </inbound>\n</policies>";
        List<Finding> findings = compiler.compile(List.of(PolicyParser.parse("p.xml", xml))).findings();
        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.line()).isEqualTo(4);
            // "context.Request.Headerz": the compiler points at the member access, inside the expression.
            assertThat(f.column()).isBetween(16, 40);
            assertThat(f.element()).isEqualTo("policies/inbound/set-header/value");
            assertThat(f.message()).contains("Headerz").contains("@(context.Request.Headerz");
        });
    }

    @Test
    void goodExpressionsCompileCleanly() {
        ExpressionCompiler compiler = CompilerAvailable.get();
        String xml = policy(variable("@(context.Request.Headers.GetValueOrDefault(&quot;a&quot;, &quot;&quot;).Split(',').Select(s =&gt; s.Trim()).ToList())")
                + "\n" + when("@(context.Variables.GetValueOrDefault&lt;int&gt;(&quot;n&quot;, 0) &gt; 3 || context.Request.Url.Query.GetValueOrDefault(&quot;q&quot;, &quot;&quot;) != &quot;&quot;)")
                + "\n" + header("@{ var jwt = context.Request.Headers.GetValueOrDefault(\"Authorization\", \"\").AsJwt(); return jwt?.Subject ?? \"none\"; }")
                + "\n<set-variable name=\"n\" value=\"@(5)\" />\n" + variable("@(context.Variables.GetValueOrDefault&lt;int&gt;(&quot;n&quot;))")
                + "\n" + header("@(JsonConvert.SerializeObject(new JObject(new JProperty(&quot;t&quot;, context.Timestamp))))")
                + "\n" + header("@(Convert.ToBase64String(Encoding.UTF8.GetBytes(context.RequestId.ToString())))")
                + "\n" + header("@(new Regex(&quot;a+&quot;).Match(context.Request.Method).Groups.Count.ToString())"));
        ExpressionCompiler.Result result = compiler.compile(List.of(PolicyParser.parse("p.xml", xml)));
        assertThat(result.findings()).isEmpty();
        assertThat(result.expressions()).isEqualTo(8);
    }

    /**
     * The corpus: 74 expressions. One does not compile: ai-hub-gateway's frag-openai-usage reads
     * context.Deployment.Gateway.Id, which the policy-expression reference does not list (it lists
     * context.Deployment.GatewayId). The stub follows the reference, so this is reported.
     */
    @Test
    void corpusExpressionsCompileExceptOneUndocumentedMember() throws IOException {
        ExpressionCompiler compiler = CompilerAvailable.get();
        List<ParsedPolicy> docs = new ArrayList<>();
        for (Path p : dev.aigateway.lint.CorpusFiles.list().toList()) {
            docs.add(PolicyParser.parse(p.getFileName().toString(), Files.readString(p)));
        }
        ExpressionCompiler.Result result = compiler.compile(docs);
        assertThat(result.expressions()).isEqualTo(74);
        assertThat(result.findings()).singleElement().satisfies(f -> {
            assertThat(f.source()).isEqualTo("ai-hub-gateway-solution-accelerator__infra_modules_apim_policies_frag-openai-usage.xml");
            assertThat(f.line()).isEqualTo(24);
            assertThat(f.message()).contains("`IDeployment' does not contain a definition for `Gateway'");
        });
    }
}
