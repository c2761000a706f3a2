package dev.aigateway.cli;

import dev.aigateway.App;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lint command as a user types it. */
class LintCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return App.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Test
    void theProjectsOwnPoliciesAreLintClean() throws Exception {
        List<String> args = new java.util.ArrayList<>(List.of("lint"));
        try (var files = Files.walk(Path.of("policies"))) {
            files.filter(f -> f.toString().endsWith(".xml") && !f.getFileName().toString().equals("global.xml"))
                    .sorted().forEach(f -> args.add(f.toString()));
        }
        assertThat(run(args.toArray(String[]::new))).isZero();
        assertThat(out.toString()).isEqualTo("20 file(s), 0 error(s), 0 warning(s)\n");
        out.getBuffer().setLength(0);
        // The global policy is the one without <base/>: there is no scope above it.
        assertThat(run("lint", "--scope", "global", "policies/global.xml")).isZero();
        assertThat(out.toString()).isEqualTo("1 file(s), 0 error(s), 0 warning(s)\n");
    }

    @Test
    void errorsGiveExitCode2AndLocatedLines(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("bad.xml");
        Files.writeString(bad, "<policies>\n  <inbound>\n    <base />\n    <rate-limit calls=\"10\" />\n  </inbound>\n</policies>\n");
        Files.writeString(dir.resolve("notes.txt"), "not a policy");
        assertThat(run("lint", dir.toString())).isEqualTo(2);
        assertThat(out.toString()).isEqualTo(bad + ":4:5: error: [required-attribute] policies/inbound/rate-limit: attribute 'renewal-period' is required\n"
                + "1 file(s), 1 error(s), 0 warning(s)\n");
    }

    @Test
    void scopeAndUnknownAttributeOptions(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("p.xml");
        Files.writeString(file, "<policies><inbound><quota calls=\"1\" renewal-period=\"60\" colour=\"red\" /></inbound></policies>");
        assertThat(run("lint", "--scope", "global", file.toString())).isEqualTo(2);
        assertThat(out.toString()).contains("[scope]").contains("[unknown-attribute]");
        out.getBuffer().setLength(0);
        // A missing <base/> is valid APIM, so a warning; an unknown attribute a warning when asked: nothing fails.
        assertThat(run("lint", "--scope", "product", "--unknown-attributes", "warning", file.toString())).isZero();
        assertThat(out.toString()).contains("warning: [base-missing]").contains("warning: [unknown-attribute]").doesNotContain("[scope]");
    }

    @Test
    void scopeFragmentRequiresFragmentsAndChecksThemWhereverTheyMayBeIncluded(@TempDir Path dir) throws Exception {
        Path fragment = Files.writeString(dir.resolve("f.xml"), "<fragment><set-variable name=\"a\" value=\"1\" /></fragment>");
        Path document = Files.writeString(dir.resolve("p.xml"), "<policies><inbound><base /></inbound></policies>");
        assertThat(run("lint", "--scope", "fragment", fragment.toString())).isZero();
        assertThat(out.toString()).isEqualTo("1 file(s), 0 error(s), 0 warning(s)\n");
        out.getBuffer().setLength(0);
        assertThat(run("lint", "--scope", "fragment", document.toString())).isEqualTo(2);
        assertThat(out.toString()).contains("error: [root] policies: the root element must be <fragment>, not <policies>");
        out.getBuffer().setLength(0);
        // At any other scope a <fragment> file is linted as a fragment too.
        assertThat(run("lint", "--scope", "operation", fragment.toString())).isZero();
    }

    @Test
    void namedValuesInCodeCompileAndTheirGivenValuesAreChecked(@TempDir Path dir) throws Exception {
        dev.aigateway.testing.CompilerAvailable.get();
        Path file = Files.writeString(dir.resolve("p.xml"), "<policies><inbound><base />"
                + "<set-variable name=\"until\" value=\"@(DateTime.UtcNow.AddSeconds({{SessionSeconds}}).ToString(&quot;o&quot;))\" />"
                + "<set-header name=\"x-env\" exists-action=\"override\"><value>@(\"{{Environment}}\".ToUpper())</value></set-header>"
                + "</inbound></policies>");
        assertThat(run("lint", "--compile", file.toString())).isZero();
        assertThat(out.toString()).isEqualTo(file + ": 2 expression(s) compiled\n" + "1 file(s), 0 error(s), 0 warning(s); 2 expression(s) compiled in "
                + out.toString().replaceAll("(?s).*compiled in ", ""));
        out.getBuffer().setLength(0);
        // A value given as text where the code needs a number does not compile, as in APIM.
        assertThat(run("lint", "--compile", "--named-value", "SessionSeconds=\"thirty\"", file.toString())).isEqualTo(2);
        assertThat(out.toString()).contains("[expression-compile]").contains("AddSeconds");
        out.getBuffer().setLength(0);
        assertThat(run("lint", "--compile", "--named-value", "SessionSeconds=1800", file.toString())).isZero();
    }

    @Test
    void jsonFormat(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("p.xml");
        Files.writeString(file, "<policies><inbound><base /><set-headers /></inbound></policies>");
        assertThat(run("lint", "--format", "json", file.toString())).isEqualTo(2);
        JsonNode report = new ObjectMapper().readTree(out.toString());
        assertThat(report.get("errors").asInt()).isEqualTo(1);
        JsonNode f = report.get("findings").get(0);
        assertThat(f.get("file").asText()).isEqualTo(file.toString());
        assertThat(f.get("line").asInt()).isEqualTo(1);
        assertThat(f.get("column").asInt()).isEqualTo(28);
        assertThat(f.get("rule").asText()).isEqualTo("unknown-element");
        assertThat(f.get("hint").asText()).isEqualTo("did you mean 'set-header'?");
    }

    @Test
    void compileReportsExpressionErrorsToo(@TempDir Path dir) throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(dev.aigateway.lint.compile.ExpressionCompiler.find().isPresent()
                || "1".equals(System.getenv("AIGW_REQUIRE_MCS")), dev.aigateway.lint.compile.ExpressionCompiler.installHint());
        Path file = dir.resolve("p.xml");
        Files.writeString(file, "<policies>\n<inbound>\n<base />\n<set-variable name=\"m\" value=\"@(context.Request.Methd)\" />\n</inbound>\n</policies>\n");
        assertThat(run("lint", "--compile", file.toString())).isEqualTo(2);
        assertThat(out.toString()).contains(file + ":4:").contains("[expression-compile] policies/inbound/set-variable@value: CS1061")
                .containsPattern("1 file\\(s\\), 1 error\\(s\\), 0 warning\\(s\\); 1 expression\\(s\\) compiled in \\d+ ms");
    }

    @Test
    void aMissingPathIsOneLine() {
        assertThat(run("lint", "no/such/dir")).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("error: no such file: no/such/dir\n");
    }

    /** A literal '$' before an interpolation hole is C# of the user's, not a template slot of this project's: it is compiled. */
    @Test
    void aDollarBeforeAHoleInAUsersPolicyIsCompiled(@TempDir Path dir) throws Exception {
        dev.aigateway.testing.CompilerAvailable.get();
        Path file = Files.writeString(dir.resolve("p.xml"), "<policies><inbound><base />"
                + "<set-header name=\"x-cost\" exists-action=\"override\"><value>@($\"${context.Bad}\")</value></set-header>"
                + "</inbound></policies>");
        assertThat(run("lint", "--compile", file.toString())).isEqualTo(2);
        assertThat(out.toString()).contains("[expression-compile]").contains("Bad");
    }
}
