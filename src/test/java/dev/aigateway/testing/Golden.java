package dev.aigateway.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Golden files under {@code src/test/resources/golden}. To accept a change on purpose, run
 * {@code mvn -B verify -Dgolden.update=true} and review the diff of the golden files.
 */
public final class Golden {
    public static final Path ROOT = Path.of("src/test/resources/golden");

    private Golden() {}

    /** Whether this run rewrites golden files (-Dgolden.update=true). */
    public static boolean updating() {
        return Boolean.getBoolean("golden.update");
    }

    public static void assertMatches(String relative, String actual) throws IOException {
        Path file = ROOT.resolve(relative);
        if (Boolean.getBoolean("golden.update")) {
            Files.createDirectories(file.getParent());
            Files.writeString(file, actual, StandardCharsets.UTF_8);
            return;
        }
        if (!Files.exists(file)) {
            throw new AssertionError("golden file " + file + " is missing; run mvn -B verify -Dgolden.update=true");
        }
        assertEquals(Files.readString(file, StandardCharsets.UTF_8), actual,
                "differs from " + file + "; if the change is intended, run mvn -B verify -Dgolden.update=true and review the diff");
    }
}
