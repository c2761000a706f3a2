package dev.aigateway.emulator;

import dev.aigateway.lint.CSharpLexer;
import dev.aigateway.lint.compile.ExpressionSource;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Expressions as the emulator runs them: the clock and unseeded randomness go through the
 * emulator's own ({@code Emu}), so tests can set time and seeds, and a table hands each compiled
 * expression to the interpreter by its slot index.
 */
final class RunnableExpressions implements ExpressionSource.Flavour {
    /** {@code DateTime.UtcNow}, {@code System.DateTimeOffset.Now}, ... in code (not in string literals). */
    private static final Pattern CLOCK = Pattern.compile(
            "(?<![\\w.])(?:global::)?(?:System\\s*\\.\\s*)?(DateTime|DateTimeOffset)\\s*\\.\\s*(UtcNow|Now|Today)\\b");
    private static final Pattern RANDOM = Pattern.compile("(?<![\\w.])new\\s+(?:global::)?(?:System\\s*\\.\\s*)?Random\\s*\\(\\s*\\)");
    static final String EMU = "global::AiGatewayEmulator.Emu";

    @Override
    public String code(ExpressionSource.Slot slot) {
        return rewrite(slot.code());
    }

    /** The code with time and randomness routed through the emulator; literals are left alone. */
    static String rewrite(String code) {
        String blank = CSharpLexer.blankLiterals(code);
        List<int[]> spans = new ArrayList<>();
        List<String> replacements = new ArrayList<>();
        Matcher clock = CLOCK.matcher(blank);
        while (clock.find()) {
            String member = clock.group(1).equals("DateTimeOffset") ? clock.group(2) + "Offset" : clock.group(2);
            spans.add(new int[] {clock.start(), clock.end()});
            replacements.add(EMU + "." + (member.equals("NowOffset") ? "UtcNowOffset" : member));
        }
        Matcher random = RANDOM.matcher(blank);
        while (random.find()) {
            spans.add(new int[] {random.start(), random.end()});
            replacements.add(EMU + ".NewRandom()");
        }
        StringBuilder out = new StringBuilder(code);
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < spans.size(); i++) {
            order.add(i);
        }
        order.sort((a, b) -> Integer.compare(spans.get(b)[0], spans.get(a)[0]));
        for (int i : order) {
            out.replace(spans.get(i)[0], spans.get(i)[1], replacements.get(i));
        }
        return out.toString();
    }

    @Override
    public String after(List<ExpressionSource.Slot> slots) {
        StringBuilder s = new StringBuilder("namespace AiGatewayEmulator {\n  public static class Expressions {\n");
        s.append("    public static readonly System.Func<IContext, object>[] Table = new System.Func<IContext, object>[] {\n");
        for (ExpressionSource.Slot slot : slots) {
            s.append("      c => global::__ApimExpressions.").append(ExpressionSource.CLASS).append('.').append(slot.method()).append("(c),\n");
        }
        s.append("    };\n  }\n}\n");
        return s.toString();
    }

    @Override
    public boolean probes() {
        return false;
    }
}
