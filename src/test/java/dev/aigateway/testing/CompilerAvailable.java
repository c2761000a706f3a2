package dev.aigateway.testing;

import dev.aigateway.lint.compile.ExpressionCompiler;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The C# compiler for tests. Without it the compile tests are skipped, so {@code mvn -B verify}
 * works with Java and Maven alone; CI sets AIGW_REQUIRE_MCS=1 (after installing Mono), and then
 * a missing compiler fails instead.
 */
public final class CompilerAvailable {
    private CompilerAvailable() {}

    public static ExpressionCompiler get() {
        var compiler = ExpressionCompiler.find();
        if (compiler.isEmpty() && "1".equals(System.getenv("AIGW_REQUIRE_MCS"))) {
            fail("AIGW_REQUIRE_MCS=1 but no C# compiler: " + ExpressionCompiler.installHint());
        }
        assumeTrue(compiler.isPresent(), ExpressionCompiler.installHint());
        return compiler.get();
    }
}
