package dev.aigateway.plan;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aigateway.config.GatewayConfig;
import dev.aigateway.testing.Golden;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The diff a reviewer reads, on a sample change (src/test/resources/diff: a tenant's limit raised,
 * a tenant added, a backend moved to another region, a tool API's rate limit tightened), as text
 * and as the Markdown of a pull request comment; both golden.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PlanDiffTest {
    private JsonNode before;
    private JsonNode after;

    @BeforeAll
    void plan() throws Exception {
        before = PlanJson.toTree(PlanRunner.run(GatewayConfig.fromStackFile(Path.of("src/test/resources/diff/before/Pulumi.dev.yaml"))));
        after = PlanJson.toTree(PlanRunner.run(GatewayConfig.fromStackFile(Path.of("src/test/resources/diff/after/Pulumi.dev.yaml"))));
    }

    @Test
    void policyChangesAreALineDiffOfTheXml() {
        String text = PlanDiff.render(before, after);
        assertThat(text).contains("~ azure-native:apimanagement:ProductPolicy  tenants-web-policy")
                .contains("-                <azure-openai-token-limit counter-key=\"tenant:web\" tokens-per-minute=\"20000\"")
                .contains("+                <azure-openai-token-limit counter-key=\"tenant:web\" tokens-per-minute=\"30000\"")
                .containsPattern("@@ -\\d+,\\d+ \\+\\d+,\\d+ @@");
        // A fragment inside its ARM deployment is text too.
        assertThat(text).contains("+            <rate-limit-by-key calls=\"5\" renewal-period=\"60\"");
    }

    @Test
    void aNewResourceShowsItsKeyInputsAndAMoveToAnotherRegionIsAReplacement() {
        String text = PlanDiff.render(before, after);
        assertThat(text).contains("+ azure-native:apimanagement:Product  tenants-batch").contains("    productId = \"batch\"");
        assertThat(text).contains("+- azure-native:cognitiveservices:Account  openai-spare-account")
                .contains("inputs.location: \"francecentral\" => \"westeurope\"  (forces replacement)");
        assertThat(text).startsWith("Changes: ").containsPattern("Changes: \\d+ to add, \\d+ to change, [1-9]\\d* to replace, 0 to delete");
    }

    @Test
    void goldenTextAndMarkdown() throws Exception {
        Golden.assertMatches("diff/dev-change.txt", PlanDiff.render(before, after));
        String markdown = PlanDiff.markdown(before, after);
        assertThat(markdown).startsWith("### Plan for stack `dev`: ").contains("| type | add | change | replace | delete |")
                .contains("<details><summary><code>+- azure-native:cognitiveservices:Account</code> <b>openai-spare-account</b> (replaced)</summary>");
        Golden.assertMatches("diff/dev-change.md", markdown);
    }

    @Test
    void noChangeSaysSo() {
        assertThat(PlanDiff.markdown(before, before)).endsWith("No changes.\n\n");
        assertThat(PlanDiff.render(before, before)).isEqualTo("Changes: 0 to add, 0 to change, 0 to replace, 0 to delete\n");
    }

    /** Two long one-line values that differ past where they are clipped are shown around the difference. */
    @Test
    void aLateDifferenceInALongValueIsShown() throws Exception {
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        String same = "x".repeat(150);
        JsonNode a = json.readTree("{\"stack\":\"dev\",\"resources\":[{\"urn\":\"u\",\"type\":\"t\",\"name\":\"n\",\"inputs\":{\"v\":\"" + same + "-old\"}}]}");
        JsonNode b = json.readTree("{\"stack\":\"dev\",\"resources\":[{\"urn\":\"u\",\"type\":\"t\",\"name\":\"n\",\"inputs\":{\"v\":\"" + same + "-new\"}}]}");
        assertThat(PlanDiff.render(a, b)).contains("-old\"").contains("-new\"");
    }
}
