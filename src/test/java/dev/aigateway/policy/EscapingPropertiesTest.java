package dev.aigateway.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aigateway.lint.StrictXml;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.w3c.dom.Element;

/** Escaping must hold for any string a config or an Output can carry. */
class EscapingPropertiesTest {

    private static boolean xmlSafe(String s) {
        try {
            Escaping.requireXmlChars(s);
            return true;
        } catch (PolicyException e) {
            return false;
        }
    }

    @Property(tries = 500)
    void attributeValuesRoundTrip(@ForAll String s) {
        Assume.that(xmlSafe(s));
        Element root = StrictXml.parse("p", "<fragment a=\"" + Escaping.xmlAttribute(s) + "\" b='" + Escaping.xmlAttribute(s) + "' />");
        assertThat(root.getAttribute("a")).isEqualTo(s);
        assertThat(root.getAttribute("b")).isEqualTo(s);
    }

    @Property(tries = 500)
    void elementTextRoundTrips(@ForAll String s) {
        Assume.that(xmlSafe(s));
        Element root = StrictXml.parse("p", "<fragment>" + Escaping.xmlText(s) + "</fragment>");
        assertThat(root.getTextContent()).isEqualTo(s);
    }

    @Provide
    Arbitrary<Character> notXml() {
        return Arbitraries.oneOf(
                Arbitraries.chars().range('\u0000', '\u0008'),
                Arbitraries.chars().range('\u000b', '\u000c'),
                Arbitraries.chars().range('\u000e', '\u001f'),
                Arbitraries.chars().range('\ud800', '\udfff'),
                Arbitraries.of('\ufffe', '\uffff'));
    }

    @Property(tries = 300)
    void charactersXmlCannotCarryAreRefusedNotEmitted(@ForAll @AlphaChars String before, @ForAll("notXml") char bad,
            @ForAll @AlphaChars String after) {
        String s = before + bad + after;
        assertThatThrownBy(() -> Escaping.xmlAttribute(s)).isInstanceOf(PolicyException.class);
        assertThatThrownBy(() -> Escaping.xmlText(s)).isInstanceOf(PolicyException.class);
    }

    @Property(tries = 1000)
    void csharpLiteralsDecodeToTheOriginalAndCannotBreakOut(@ForAll String s) {
        String escaped = Escaping.csharpString(s);
        assertThat(escaped).doesNotContain("\"", "<", ">", "&", "'", "{", "}", "(", ")", "@");
        assertThat(decodeCSharp(escaped)).isEqualTo(s);
    }

    /** Any string in a C# literal slot gives a document whose one expression holds that exact literal. */
    @Property(tries = 500)
    void renderedExpressionsStayWellFormed(@ForAll String s) {
        PolicyTemplate t = PolicyTemplate.of("t",
                "<fragment><set-variable name=\"v\" value=\"@(&quot;&quot; + \"${s}\")\" /><set-body>@(\"${s}\")</set-body></fragment>"
                        .replace("&quot;&quot; + ", ""));
        String out = t.render(Map.of("s", s));
        Element root = StrictXml.parse("t", out);
        String expression = ((Element) root.getElementsByTagName("set-variable").item(0)).getAttribute("value");
        assertThat(expression).startsWith("@(\"").endsWith("\")");
        assertThat(decodeCSharp(expression.substring(3, expression.length() - 2))).isEqualTo(s);
        assertThat(root.getElementsByTagName("set-body").item(0).getTextContent()).isEqualTo(expression);
    }

    private static String decodeCSharp(String escaped) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < escaped.length(); i++) {
            char c = escaped.charAt(i);
            if (c == '\\') {
                assertThat(escaped.charAt(i + 1)).isEqualTo('u');
                out.append((char) Integer.parseInt(escaped.substring(i + 2, i + 6), 16));
                i += 5;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
