package dev.aigateway.components;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.TreeSet;

/** A list of names shipped in the jar: one per line, '#' starts a comment. */
public final class WordList {
    private WordList() {}

    /** The names in the resource {@code name} beside {@code anchor}'s class file, sorted. */
    public static Set<String> load(Class<?> anchor, String name) {
        try (InputStream in = anchor.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name + " beside " + anchor.getName());
            }
            Set<String> words = new TreeSet<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                int hash = line.indexOf('#');
                String word = (hash < 0 ? line : line.substring(0, hash)).trim();
                if (!word.isEmpty()) {
                    words.add(word);
                }
            }
            return Set.copyOf(words);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
