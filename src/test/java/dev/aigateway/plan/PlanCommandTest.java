package dev.aigateway.plan;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aigateway.App;
import dev.aigateway.lint.compile.ExpressionCompiler;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The plan command as a user types it. */
class PlanCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return App.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    /** A provider key that is no setting of the provider is warned about, and the plan goes on. */
    @Test
    void aMisspeltProviderKeyIsAWarningNotAnError(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path file = dev.aigateway.testing.StackFiles.write(dir, "warn", dev.aigateway.testing.StackFiles.VALID
                .replace("  azure-native:location: swedencentral\n", "  azure-native:location: swedencentral\n  azure-native:subscriptionid: x\n"));
        assertThat(run("plan", "--config", file.toString())).isZero();
        assertThat(err.toString()).contains("warning: azure-native:subscriptionid: not a setting of the azure-native provider; "
                + "did you mean azure-native:subscriptionId?");
        assertThat(out.toString()).startsWith("Plan for stack 'warn'");
    }

    /** The prod stack passes every baseline rule that applies to it; the public dev stack does not, and strict says so. */
    @Test
    void strictBaselinePassesProdAndFailsThePublicDevStack() throws Exception {
        assertThat(run("plan", "--stack", "prod", "--baseline", "strict")).isZero();
        assertThat(out.toString()).contains("Baseline: 43 rules: 36 pass, 0 fail, 6 do not apply, 1 cannot be told")
                .contains("n/a  CKV2_AZURE_22: Microsoft-managed keys are the baseline's default");
        out.getBuffer().setLength(0);
        assertThat(run("plan", "--stack", "dev")).isZero();
        assertThat(out.toString()).contains("FAIL Azure.AI.PublicAccess (Accounts are not open to public networks): "
                + "azure-native:cognitiveservices:Account openai-swedencentral-account properties.publicNetworkAccess = \"Enabled\"");
        assertThat(run("plan", "--stack", "dev", "--baseline", "strict")).isEqualTo(2);
        assertThat(err.toString()).contains("error: the plan fails 4 security baseline rules (--baseline strict); see Baseline above");
        JsonNode baseline = PlanJson.read(PlanJson.write(PlanRunner.run(dev.aigateway.config.GatewayConfig.fromStackFile(
                java.nio.file.Path.of("Pulumi.dev.yaml"))))).get("baseline");
        assertThat(baseline.get("summary").get("fail").asInt()).isEqualTo(4);
        assertThat(baseline.get("rules")).anySatisfy(r -> {
            assertThat(r.get("id").asText()).isEqualTo("Azure.AI.PublicAccess");
            assertThat(r.get("failures").get(0).get("input").asText()).isEqualTo("properties.publicNetworkAccess");
        });
    }

    @Test
    void printsTreePoliciesOutputsAndLint() {
        assertThat(run("plan", "--stack", "dev")).isZero();
        String text = out.toString();
        assertThat(text).startsWith("Plan for stack 'dev': ");
        assertThat(text).contains("├─ ai-gateway:index:AiGateway  gateway");
        assertThat(text).contains("azure-native:cognitiveservices:Account  openai-swedencentral-account");
        assertThat(text).contains("properties.disableLocalAuth = true");
        assertThat(text).contains("--- fragment aigw-openai-route (openai-aigw-openai-route) ---");
        assertThat(text).contains("--- ApiPolicy openai-api-policy ---");
        assertThat(text).contains("--- ApiPolicy petstore-mcp (mcp-petstore-mcp-server) ---");
        assertThat(text).contains("mcpServers = {petstore=https://");
        assertThat(text).contains("gatewayUrl = https://");
        assertThat(text).containsPattern("Lint: 19 policy documents checked \\(largest \\d+ bytes\\), no problems");
        if (ExpressionCompiler.find().isPresent()) {
            assertThat(text).containsPattern("Expressions: \\d+ compiled with mcs, no warnings");
            assertThat(err.toString()).isEmpty();
        }
    }

    @Test
    void withoutACompilerThePlanSaysSoOnceAndGoesOn() {
        System.setProperty("aigw.mcs", "none");
        try {
            assertThat(run("plan", "--stack", "dev")).isZero();
        } finally {
            System.clearProperty("aigw.mcs");
        }
        assertThat(err.toString()).isEqualTo("note: policy expressions were not compiled: " + ExpressionCompiler.installHint() + "\n");
        assertThat(out.toString()).contains("Expressions: not compiled (no C# compiler here)");
    }

    @Test
    void writesThePlanJsonContract(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("plan.json");
        assertThat(run("plan", "--config", "Pulumi.prod.yaml", "--json", json.toString())).isZero();
        JsonNode plan = PlanJson.read(Files.readString(json));
        assertThat(plan.get("stack").asText()).isEqualTo("prod");
        assertThat(plan.get("outputs").get("gatewayUrl").asText()).startsWith("https://");
        JsonNode first = plan.get("resources").get(0);
        assertThat(first.get("urn").asText()).startsWith("urn:pulumi:prod::ai-gateway::");
        assertThat(first.has("type")).isTrue();
        assertThat(first.has("name")).isTrue();
        assertThat(first.has("parent")).isTrue();
        assertThat(first.get("inputs").isObject()).isTrue();
    }

    @Test
    void stackOrConfigIsRequired() {
        assertThat(run("plan")).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("error: give exactly one of --stack or --config" + System.lineSeparator());
    }

    @Test
    void unreadableStackFileIsOneLine(@TempDir Path dir) {
        Path folder = dir.resolve("Pulumi.folder.yaml");
        folder.toFile().mkdir();
        assertThat(run("plan", "--config", folder.toString())).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("error: stack file: must be a file (got \"" + folder + "\")" + System.lineSeparator());
    }

    @Test
    void aMissingStackFileSaysItIsMissing(@TempDir Path dir) {
        Path missing = dir.resolve("Pulumi.gone.yaml");
        assertThat(run("plan", "--config", missing.toString())).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("error: stack file: does not exist (got \"" + missing + "\")" + System.lineSeparator());
    }

    @Test
    void theTextIsTheSameOnEveryRun() {
        assertThat(run("plan", "--stack", "dev")).isZero();
        String first = out.toString();
        out.getBuffer().setLength(0);
        assertThat(run("plan", "--stack", "dev")).isZero();
        assertThat(out.toString()).isEqualTo(first);
    }

    @Test
    void markdownNeedsADiff() {
        assertThat(run("plan", "--stack", "dev", "--format", "markdown")).isEqualTo(2);
        assertThat(err.toString()).contains("--format markdown needs --diff");
    }

    @Test
    void missingStackFileIsOneLine() {
        assertThat(run("plan", "--stack", "nope")).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("error: stack file: does not exist (got \"Pulumi.nope.yaml\")" + System.lineSeparator());
    }

    @Test
    void diffShowsWhatAConfigChangeDoes(@TempDir Path dir) throws Exception {
        Path before = dir.resolve("before.json");
        assertThat(run("plan", "--stack", "dev", "--json", before.toString())).isZero();
        String changed = Files.readString(Path.of("Pulumi.dev.yaml")).replace("capacity: 10 }", "capacity: 20 }")
                .replaceFirst("weight: 100", "weight: 50");
        Path file = Files.writeString(dir.resolve("Pulumi.dev.yaml"), changed);
        // The stack's OpenAPI document resolves against the stack file's folder.
        Files.createDirectories(dir.resolve("specs"));
        Files.copy(Path.of("specs/petstore.yaml"), dir.resolve("specs/petstore.yaml"));
        out.getBuffer().setLength(0);
        assertThat(run("plan", "--config", file.toString(), "--diff", before.toString())).isZero();
        String text = out.toString();
        assertThat(text).contains("Changes: 0 to add, 5 to change, 0 to replace, 0 to delete");
        assertThat(text).contains("~ azure-native:cognitiveservices:Deployment  openai-swedencentral-gpt-4o-mini\n"
                + "    inputs.sku.capacity: 10 => 20");
        assertThat(text).contains("~ azure-native:apimanagement:Backend  openai-swedencentral-backend");
        assertThat(text).contains("~ azure-native:resources:Deployment  openai-aigw-openai-route");
    }

    @Test
    void diffAgainstItselfIsEmpty(@TempDir Path dir) throws Exception {
        Path before = dir.resolve("before.json");
        assertThat(run("plan", "--stack", "dev", "--json", before.toString())).isZero();
        assertThat(run("plan", "--stack", "dev", "--diff", before.toString())).isZero();
        assertThat(out.toString()).endsWith("\nChanges: 0 to add, 0 to change, 0 to replace, 0 to delete\n");
    }
}
