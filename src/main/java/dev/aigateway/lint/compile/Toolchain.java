package dev.aigateway.lint.compile;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Where the C# toolchain is: Mono's {@code mcs} and the Newtonsoft.Json assembly policy expressions
 * reference (Debian: mono-mcs, libnewtonsoft-json-cil-dev).
 *
 * @param mcs        the compiler
 * @param references the assemblies every compile references
 * @param newtonsoft the Newtonsoft.Json assembly, which a compiled program must find at run time
 */
public record Toolchain(String mcs, List<String> references, Path newtonsoft) {

    /** The toolchain when installed. {@code -Daigw.mcs=PATH} picks a compiler; {@code -Daigw.mcs=none} turns compiling off. */
    public static Optional<Toolchain> find() {
        String chosen = System.getProperty("aigw.mcs");
        if ("none".equals(chosen)) {
            return Optional.empty();
        }
        Optional<String> mcs = chosen != null ? Optional.of(chosen).filter(c -> Files.isExecutable(Path.of(c))) : onPath("mcs");
        Optional<Path> json = newtonsoftJson();
        if (mcs.isEmpty() || json.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Toolchain(mcs.get(), List.of("System.dll", "System.Core.dll", "System.Xml.dll",
                "System.Xml.Linq.dll", "Microsoft.CSharp.dll", json.get().toString()), json.get()));
    }

    /** The Mono runtime that runs compiled programs (Debian: mono-runtime, which mono-mcs brings). */
    public Optional<String> mono() {
        Path beside = Path.of(mcs).resolveSibling("mono");
        return Files.isExecutable(beside) ? Optional.of(beside.toString()) : onPath("mono");
    }

    /** What to install when {@link #find()} finds nothing. */
    public static String installHint() {
        return "install mono-mcs and libnewtonsoft-json-cil-dev (Debian/Ubuntu) to compile policy expressions";
    }

    /** An executable on PATH. */
    static Optional<String> onPath(String tool) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path p = Path.of(dir, tool);
            if (Files.isExecutable(p)) {
                return Optional.of(p.toString());
            }
        }
        return Optional.empty();
    }

    private static Optional<Path> newtonsoftJson() {
        Path cli = Path.of("/usr/lib/cli");
        if (!Files.isDirectory(cli)) {
            return Optional.empty();
        }
        try (Stream<Path> dirs = Files.list(cli)) {
            return dirs.filter(d -> d.getFileName().toString().startsWith("Newtonsoft.Json"))
                    .map(d -> d.resolve("Newtonsoft.Json.dll")).filter(Files::isRegularFile)
                    .max(Comparator.naturalOrder());
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
