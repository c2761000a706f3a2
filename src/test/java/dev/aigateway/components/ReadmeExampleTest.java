package dev.aigateway.components;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The README's component example is the consumer example's program, word for word; that project
 * (examples/gateway-consumer) compiles it against the installed library and runs it under the
 * test kit in .ci/run.
 */
class ReadmeExampleTest {
    private static final Path EXAMPLE = Path.of("examples/gateway-consumer/src/main/java/example/Main.java");

    /** The first ```java block after {@code heading}. */
    static String block(String readme, String heading) {
        int at = readme.indexOf("```java\n", readme.indexOf(heading)) + "```java\n".length();
        return readme.substring(at, readme.indexOf("```", at));
    }

    @Test
    void theReadmesExampleIsTheConsumerExamplesProgram() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        String program = Files.readString(EXAMPLE);
        assertThat(program).startsWith("package example;\n\n");
        assertThat(block(readme, "## Using the components from Java")).isEqualTo(program.substring("package example;\n\n".length()));
    }

    @Test
    void theReadmesTestSnippetIsTheConsumerExamplesTest() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        String test = Files.readString(Path.of("examples/gateway-consumer/src/test/java/example/MainTest.java"));
        String snippet = block(readme, "**Testing your stack.**");
        for (String line : snippet.lines().filter(l -> !l.isBlank()).toList()) {
            assertThat(test).as("the README's test line is in MainTest").contains(line.strip());
        }
    }
}
