package dev.aigateway.emulator;

import dev.aigateway.lint.compile.CSharpCompiler;
import dev.aigateway.lint.compile.ContextApi;
import dev.aigateway.lint.compile.ExpressionSource;
import dev.aigateway.lint.compile.Toolchain;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Compiles a stack's gateway into one Mono executable: its policy expressions (generated as for the
 * expression compile, but runnable) together with the emulator's runtime (the working context API,
 * the policy interpreter, the HTTP front end).
 */
final class GatewayBuild {
    /** The runtime's C# sources, shipped in the jar beside this class. */
    static final List<String> RUNTIME = List.of("Model.cs", "State.cs", "Context.cs", "Http.cs", "Tokens.cs", "Interpreter.cs", "Mcp.cs", "Gateway.cs");

    private GatewayBuild() {}

    /** Build {@code dir/gateway.exe}; the runtime's assembly references are copied beside it. */
    static Path build(StackModel model, Toolchain toolchain, Path dir) throws IOException {
        ExpressionSource source = ExpressionSource.generate(model.parsed(), model.slots(), ContextApi.standard(), new RunnableExpressions());
        List<String> files = new ArrayList<>();
        for (String name : RUNTIME) {
            Path file = dir.resolve(name);
            try (InputStream in = GatewayBuild.class.getResourceAsStream(name)) {
                Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            }
            files.add(file.toString());
        }
        Path exe = dir.resolve("gateway.exe");
        List<String> output = new CSharpCompiler(toolchain).run(source.text(), CSharpCompiler.Target.EXE, exe, files);
        List<String> errors = output.stream().filter(l -> l.contains("error CS")).toList();
        if (!errors.isEmpty() || !Files.exists(exe)) {
            throw new IllegalStateException("the emulated gateway does not compile: "
                    + String.join("; ", (errors.isEmpty() ? output : errors).subList(0, Math.min(5, (errors.isEmpty() ? output : errors).size()))));
        }
        Files.copy(toolchain.newtonsoft(), dir.resolve(toolchain.newtonsoft().getFileName()), StandardCopyOption.REPLACE_EXISTING);
        return exe;
    }

    static void deleteTree(Path dir) {
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
