package dev.aigateway.lint.compile;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Runs {@code mcs} on one generated source file and returns what it printed. */
public final class CSharpCompiler {
    /** What to build: a library only to type-check, or an executable to run. */
    public enum Target { LIBRARY, EXE }

    private final Toolchain toolchain;

    public CSharpCompiler(Toolchain toolchain) {
        this.toolchain = toolchain;
    }

    public Toolchain toolchain() {
        return toolchain;
    }

    /** Type-check {@code source}; the assembly is thrown away. Returns the compiler's output lines. */
    public List<String> check(String source) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("aigw-expr");
            return run(source, Target.LIBRARY, dir.resolve("policies.dll"), List.of());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run the C# compiler", e);
        } finally {
            if (dir != null) {
                deleteTree(dir);
            }
        }
    }

    /**
     * Compile {@code source} into {@code output} (its source file is written beside it), with
     * {@code extra} compiler arguments. Returns the compiler's output lines; the output exists
     * when there were no errors.
     */
    public List<String> run(String source, Target target, Path output, List<String> extra) {
        try {
            Path file = output.resolveSibling(output.getFileName() + ".cs");
            Files.writeString(file, source, StandardCharsets.UTF_8);
            List<String> cmd = new ArrayList<>(List.of(toolchain.mcs(), target == Target.EXE ? "-target:exe" : "-target:library",
                    "-warn:0", "-nologo", "-out:" + output));
            toolchain.references().forEach(r -> cmd.add("-r:" + r));
            cmd.addAll(extra);
            cmd.add(file.toString());
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            List<String> out = new ArrayList<>();
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    out.add(line);
                }
            }
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("the C# compiler did not finish in 120 s");
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run the C# compiler", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while compiling policy expressions", e);
        }
    }

    static void deleteTree(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException ignored) {
            // a temp folder left behind is harmless
        }
    }
}
