package dev.aigateway.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README's sample pull request comment is the golden rendering of the sample change's diff. */
class ReadmeCommentTest {
    @Test
    void theReadmesSampleCommentIsTheRealRendering() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        String begin = "<!-- pr-comment:sample -->\n";
        int from = readme.indexOf(begin) + begin.length();
        int end = readme.indexOf("<!-- /pr-comment:sample -->");
        assertThat(readme.substring(from, end)).isEqualTo(Files.readString(Path.of("src/test/resources/golden/diff/dev-change.md")));
    }
}
