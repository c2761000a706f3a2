package dev.aigateway.lint;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** The corpus policy files, sorted. */
public final class CorpusFiles {
    private CorpusFiles() {}

    public static Stream<Path> list() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("src/test/resources/corpus/apim-policies"))) {
            return files.filter(p -> p.toString().endsWith(".xml")).sorted().toList().stream();
        }
    }
}
