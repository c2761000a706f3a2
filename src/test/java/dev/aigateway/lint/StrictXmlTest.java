package dev.aigateway.lint;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Element;

class StrictXmlTest {
    static Stream<Path> corpus() throws IOException {
        return CorpusFiles.list();
    }

    /** Real-world rawxml, most of it not strict XML: the scanner must understand every expression. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void realWorldPoliciesAreWellFormedOnceExpressionsAreUnderstood(Path file) throws IOException {
        String text = Files.readString(file);
        Element root = StrictXml.parse(file.getFileName().toString(), text);
        assertThat(root.getTagName()).isIn("policies", "fragment");
    }

    @Test
    void corpusHasTheFilesItShould() throws IOException {
        assertThat(corpus().count()).isEqualTo(20);
    }

    @Test
    void expressionsKeepTheirTextThroughStrictXml() {
        String raw = "<policies><inbound><base /><set-variable name=\"x\" value=\"@(context.Request.Headers.GetValueOrDefault(\"a\", \"<b>\"))\" /></inbound></policies>";
        Element root = StrictXml.parse("t", raw);
        Element setVariable = (Element) root.getElementsByTagName("set-variable").item(0);
        assertThat(setVariable.getAttribute("value"))
                .isEqualTo("@(context.Request.Headers.GetValueOrDefault(\"a\", \"<b>\"))");
    }

}
