package dev.aigateway.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PolicyTemplateTest {

    @Test
    void eachSlotIsEscapedForWhereItLands() {
        PolicyTemplate t = PolicyTemplate.of("t", """
                <fragment>
                    <set-header name="${header}" exists-action="override"><value>${text}</value></set-header>
                    <set-variable name="v" value="@("${literal}" + ${count})" />
                </fragment>""");
        String out = t.render(Map.of("header", "a\"b<c", "text", "x<y&z", "literal", "q\"r\\s<t", "count", 3));
        assertThat(out).contains("name=\"a&quot;b&lt;c\"");
        assertThat(out).contains("<value>x&lt;y&amp;z</value>");
        assertThat(out).contains("@(\"q\\u0022r\\u005cs\\u003ct\" + 3)");
    }

    @Test
    void booleansAndNumbersMayLandInCode() {
        PolicyTemplate t = PolicyTemplate.of("t", "<fragment><choose><when condition=\"@(!${on})\" /></choose></fragment>");
        assertThat(t.render(Map.of("on", true))).contains("@(!true)");
    }

    @Test
    void stringsMayNotLandInCode() {
        PolicyTemplate t = PolicyTemplate.of("t", "<fragment><set-variable name=\"a\" value=\"@(${x})\" /></fragment>");
        assertThatThrownBy(() -> t.render(Map.of("x", "context.Deployment")))
                .isInstanceOf(PolicyException.class)
                .hasMessageContaining("sits in expression code");
    }

    @Test
    void slotsInsideBlockExpressionsDoNotUnbalanceBraces() {
        PolicyTemplate t = PolicyTemplate.of("t", "<fragment><set-variable name=\"a\" value=\"@{ int n = ${n}; return n; }\" /></fragment>");
        assertThat(t.slots()).containsExactly("n");
        assertThat(t.render(Map.of("n", 5))).contains("int n = 5;");
    }

    @Test
    void missingAndUnexpectedValuesAreErrors() {
        PolicyTemplate t = PolicyTemplate.of("t", "<fragment><set-header name=\"${a}\" exists-action=\"delete\" /></fragment>");
        assertThatThrownBy(() -> t.render(Map.of("b", "x")))
                .hasMessage("t: values do not match the template's slots; missing [a]; unexpected [b]");
    }

    @Test
    void optionalAttributesAreLeftOutWithoutAValue() {
        PolicyTemplate t = PolicyTemplate.of("t", "<fragment><a x=\"1\" y='${y?}' z=\"${z}\" /></fragment>");
        assertThat(t.slots()).containsExactlyInAnyOrder("y", "z");
        assertThat(t.render(Map.of("z", "2"))).isEqualTo("<fragment><a x=\"1\" z=\"2\" /></fragment>");
        assertThat(t.render(Map.of("y", "a'b", "z", "2"))).isEqualTo("<fragment><a x=\"1\" y='a&apos;b' z=\"2\" /></fragment>");
        assertThatThrownBy(() -> t.render(Map.of("y", "1"))).hasMessageContaining("missing [z]");
    }

    @Test
    void optionalSlotsMustBeWholeAttributes() {
        assertThatThrownBy(() -> PolicyTemplate.of("t", "<fragment><a x=\"v${y?}\" /></fragment>"))
                .hasMessageContaining("must be a whole attribute value");
        assertThatThrownBy(() -> PolicyTemplate.of("t", "<fragment><a x=\"${y?}v\" /></fragment>"))
                .hasMessageContaining("must be the whole attribute value");
        assertThatThrownBy(() -> PolicyTemplate.of("t", "<fragment>${y?}</fragment>"))
                .hasMessageContaining("must be a whole attribute value");
    }

    @Test
    void onlyTypedValuesAreAccepted() {
        PolicyTemplate t = PolicyTemplate.of("t", "<fragment><set-header name=\"${a}\" exists-action=\"delete\" /></fragment>");
        assertThatThrownBy(() -> t.render(Map.of("a", 1.5)))
                .hasMessageContaining("takes a String, Integer, Long or Boolean");
    }

    @Test
    void everyProjectTemplateLoads() throws java.io.IOException {
        java.nio.file.Path root = java.nio.file.Path.of("policies");
        try (var files = java.nio.file.Files.walk(root)) {
            for (java.nio.file.Path f : files.filter(p -> p.toString().endsWith(".xml")).toList()) {
                String path = root.relativize(f).toString().replace('\\', '/');
                assertThat(PolicyTemplate.load(path).name()).isEqualTo(path);
            }
        }
    }

    @Test
    void anIncludeWhoseFragmentIdIsOptionalIsLeftOutWholeWithoutAValue() {
        PolicyTemplate t = PolicyTemplate.of("t", "<fragment>\n    <set-variable name=\"a\" value=\"1\" />\n"
                + "    <include-fragment fragment-id=\"${screen?}\" />\n    <set-variable name=\"b\" value=\"2\" />\n</fragment>");
        assertThat(t.render(java.util.Map.of())).isEqualTo("<fragment>\n    <set-variable name=\"a\" value=\"1\" />\n"
                + "    <set-variable name=\"b\" value=\"2\" />\n</fragment>");
        assertThat(t.render(java.util.Map.of("screen", "aigw-x"))).contains("    <include-fragment fragment-id=\"aigw-x\" />\n");
    }
}
