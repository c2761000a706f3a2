package dev.aigateway.emulator;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aigateway.lint.PolicyParser;
import org.junit.jupiter.api.Test;

/** The emulator refuses what it does not model, naming the element, the document and the line. */
class ModelledPoliciesTest {

    @Test
    void anUnmodelledPolicyIsRefusedWithItsLine() {
        String xml = "<policies>\n  <inbound>\n    <base />\n    <cors allow-credentials=\"true\" />\n  </inbound>\n</policies>";
        assertThatThrownBy(() -> ModelledPolicies.check("API x policy", PolicyParser.parse("API x policy", xml)))
                .isInstanceOf(ModelledPolicies.NotModelledException.class)
                .hasMessage("API x policy, line 4: <cors> is not modelled by the emulator");
    }

    @Test
    void anUnmodelledAttributeOrChildIsRefusedToo() {
        String attr = "<fragment>\n<forward-request follow-redirects=\"true\" />\n</fragment>";
        assertThatThrownBy(() -> ModelledPolicies.check("fragment f", PolicyParser.parse("fragment f", attr)))
                .hasMessage("fragment f, line 2: attribute 'follow-redirects' of <forward-request> is not modelled by the emulator");
        String child = "<fragment>\n<send-request mode=\"new\" response-variable-name=\"r\">\n<set-url>https://x</set-url>\n<proxy url=\"http://p\" />\n</send-request>\n</fragment>";
        assertThatThrownBy(() -> ModelledPolicies.check("fragment f", PolicyParser.parse("fragment f", child)))
                .hasMessage("fragment f, line 4: <proxy> inside <send-request> is not modelled by the emulator");
        String nested = "<fragment>\n<choose>\n<when condition=\"@(true)\">\n<set-body template=\"liquid\">x</set-body>\n</when>\n</choose>\n</fragment>";
        assertThatThrownBy(() -> ModelledPolicies.check("fragment f", PolicyParser.parse("fragment f", nested)))
                .hasMessage("fragment f, line 4: attribute 'template' of <set-body> is not modelled by the emulator");
    }

    @Test
    void theProjectsOwnPoliciesAreAllModelled() throws Exception {
        try (var files = java.nio.file.Files.walk(java.nio.file.Path.of("policies"))) {
            for (var f : files.filter(p -> p.toString().endsWith(".xml")).toList()) {
                String text = java.nio.file.Files.readString(f).replace("${", "x{");
                // Template slots aside, every element and attribute the project's policies use is modelled.
                assertThatCode(() -> ModelledPolicies.check(f.toString(), PolicyParser.parse(f.toString(), text)))
                        .as(f.toString()).doesNotThrowAnyException();
            }
        }
    }
}
