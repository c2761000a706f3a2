package dev.aigateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The package dependencies of the main code point one way. */
class ArchitectureTest {
    private static final Path MAIN = Path.of("src/main/java/dev/aigateway");
    private static final Pattern REFERENCE = Pattern.compile("\\bdev\\.aigateway\\.([a-z]+(?:\\.[a-z]+)*)\\.[A-Z]");
    /** Package to the project packages its code names (imports or fully qualified names). */
    private static final Map<String, Set<String>> USES = new TreeMap<>();

    @BeforeAll
    static void read() throws IOException {
        try (Stream<Path> files = Files.walk(MAIN)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String pkg = MAIN.relativize(f.getParent()).toString().replace('/', '.');
                String own = pkg.isEmpty() ? "(base)" : pkg;
                Set<String> uses = USES.computeIfAbsent(own, k -> new TreeSet<>());
                Matcher m = REFERENCE.matcher(Files.readString(f));
                while (m.find()) {
                    if (!m.group(1).equals(pkg)) {
                        uses.add(m.group(1));
                    }
                }
                // dev.aigateway.App and friends, named from another package
                Matcher base = Pattern.compile("\\bdev\\.aigateway\\.[A-Z]").matcher(Files.readString(f));
                if (!pkg.isEmpty() && base.find()) {
                    uses.add("(base)");
                }
            }
        }
    }

    @Test
    void theAnalysisPackagesNameNothingElseOfTheProject() {
        assertThat(USES.get("lint")).isEmpty();
        assertThat(USES.get("lint.compile")).containsOnly("lint");
    }

    @Test
    void noPackageDependsOnItselfThroughOthers() {
        List<String> cycles = new ArrayList<>();
        for (String start : USES.keySet()) {
            if (reaches(start, start, new TreeSet<>())) {
                cycles.add(start + " -> " + USES.get(start));
            }
        }
        assertThat(cycles).as("packages on a dependency cycle").isEmpty();
    }

    private static boolean reaches(String from, String target, Set<String> seen) {
        for (String next : USES.getOrDefault(from, Set.of())) {
            if (next.equals(target)) {
                return true;
            }
            if (seen.add(next) && reaches(next, target, seen)) {
                return true;
            }
        }
        return false;
    }
}
