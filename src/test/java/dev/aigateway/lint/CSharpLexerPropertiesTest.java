package dev.aigateway.lint;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/** Blanking strings for the allowed-type check never moves code: offsets map back to the file. */
class CSharpLexerPropertiesTest {

    @Property
    void blankingKeepsLengthAndLines(@ForAll String code) {
        String blank = CSharpLexer.blankLiterals(code);
        assertThat(blank).hasSameSizeAs(code);
        assertThat(blank.chars().filter(c -> c == '\n').count()).isEqualTo(code.chars().filter(c -> c == '\n').count());
    }

    @Property
    void namesInsideStringsAreNotCode(@ForAll("identifiers") String name) {
        String code = "Foo(\"System.IO." + name + "\") + 'x'";
        assertThat(CSharpLexer.blankLiterals(code)).doesNotContain("System.IO").startsWith("Foo(\"");
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<String> identifiers() {
        return net.jqwik.api.Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(20);
    }
}
