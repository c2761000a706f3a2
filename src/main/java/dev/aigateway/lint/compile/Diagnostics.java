package dev.aigateway.lint.compile;

import dev.aigateway.lint.CSharpLexer;
import dev.aigateway.lint.Finding;
import dev.aigateway.lint.Finding.Severity;
import dev.aigateway.lint.ParsedPolicy;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns what the compiler printed about an {@link ExpressionSource} back into findings at the
 * policy's own file, line and column; and reads the variable-type probes to find variables read
 * as a type they are never stored as.
 */
final class Diagnostics {
    private static final Pattern ERROR = Pattern.compile("^(.*)\\((\\d+),(\\d+)\\): error (CS\\d+): (.*)$");
    /** The names {@code #line} gives each document ({@code d}) and variable type probe ({@code p}). */
    private static final Pattern FILE = Pattern.compile("(?:.*[/\\\\])?__aigw_([dp])(\\d+)");
    private static final Pattern PROBE = Pattern.compile("Cannot implicitly convert type `(.+)' to `(?:[\\w.]*\\.)?__Probe'");
    private static final Pattern DISALLOWED = Pattern.compile("`" + ContextApi.NAMESPACE + "\\.(\\w+)(?:<[^']*>)?'");
    private static final Pattern QUALIFIED = Pattern.compile("(?<![\\w.])(?:global::)?((?:System|Newtonsoft)(?:\\.[A-Za-z_]\\w*)+)");
    private static final Pattern CAST_READ = Pattern.compile(
            "\\(\\s*([A-Za-z_][\\w.]*(?:<[\\w.,\\s<>\\[\\]]+>)?(?:\\[\\])?\\??)\\s*\\)\\s*context\\.Variables\\s*(?:\\[\\s*\"([^\"]+)\"\\s*\\]|\\.GetValueOrDefault\\s*\\(\\s*\"([^\"]+)\")");
    private static final Pattern GENERIC_READ = Pattern.compile(
            "context\\.Variables\\.GetValueOrDefault\\s*<\\s*([^>(]+?(?:<[^>]+>)?)\\s*>\\s*\\(\\s*\"([^\"]+)\"");

    private final List<ParsedPolicy> docs;
    private final ExpressionSource source;
    private final ContextApi api;

    Diagnostics(List<ParsedPolicy> docs, ExpressionSource source, ContextApi api) {
        this.docs = docs;
        this.source = source;
        this.api = api;
    }

    /** Fully qualified names that reach past the allowed types, such as System.IO.File: found before compiling. */
    List<Finding> qualifiedNames() {
        List<Finding> out = new ArrayList<>();
        for (ExpressionSource.Slot slot : source.slots()) {
            ParsedPolicy doc = docs.get(slot.doc());
            Matcher m = QUALIFIED.matcher(CSharpLexer.blankLiterals(slot.code()));
            while (m.find()) {
                String[] parts = m.group(1).split("\\.");
                boolean ok = false;
                StringBuilder prefix = new StringBuilder(parts[0]);
                for (int i = 1; i < parts.length && !ok; i++) {
                    prefix.append('.').append(parts[i]);
                    ok = api.allowed().contains(prefix.toString()) || ContextApi.USINGS.contains(prefix.toString()) && i == parts.length - 1;
                }
                if (!ok) {
                    int[] at = position(slot, m.start(1));
                    out.add(new Finding(doc.source(), at[0], at[1], Severity.ERROR, "expression-type-not-allowed", slot.where(),
                            m.group(1) + " is not allowed in APIM policy expressions in " + excerpt(slot.expression().code()),
                            "use a type from APIM's allowed list"));
                }
            }
        }
        return out;
    }

    /** The compiler's errors as findings, plus the variable-type warnings its probes reveal. */
    List<Finding> fromCompiler(List<String> output) {
        List<ExpressionSource.Slot> slots = source.slots();
        List<Finding> findings = new ArrayList<>();
        Map<Integer, List<String>> probes = new HashMap<>();
        Set<String> seen = new HashSet<>();
        Set<Integer> blamed = new HashSet<>();
        for (String line : output) {
            Matcher m = ERROR.matcher(line);
            if (!m.matches()) {
                continue;
            }
            Matcher file = FILE.matcher(m.group(1));
            int lineNo = Integer.parseInt(m.group(2));
            int col = Integer.parseInt(m.group(3));
            if (file.matches() && file.group(1).equals("p")) {
                Matcher p = PROBE.matcher(m.group(5));
                if (p.find()) {
                    probes.computeIfAbsent(Integer.parseInt(file.group(2)), k -> new ArrayList<>()).add(p.group(1));
                }
                continue;
            }
            if (!file.matches()) {
                // A line of the generated wrapper: blame the expression whose method it is.
                int owner = owner(lineNo);
                if (owner < 0) {
                    findings.add(new Finding("(expression compiler)", lineNo, col, Severity.ERROR, "expression-compile", "stub",
                            m.group(4) + ": " + m.group(5), "report this: the context stub itself does not compile"));
                } else if (blamed.add(owner)) {
                    ExpressionSource.Slot slot = slots.get(owner);
                    ParsedPolicy doc = docs.get(slot.doc());
                    findings.add(new Finding(doc.source(), slot.line(), slot.column(), Severity.ERROR, "expression-compile", slot.where(),
                            m.group(4) + ": " + clean(m.group(5)) + " in " + excerpt(slot.expression().code()), "the slot needs " + slot.type()));
                }
                continue;
            }
            int d = Integer.parseInt(file.group(2));
            ParsedPolicy doc = docs.get(d);
            ExpressionSource.Slot slot = slotAt(d, lineNo);
            if (slot != null) {
                blamed.add(slot.index());
            }
            String element = slot == null ? "document" : slot.where();
            String message = m.group(4) + ": " + clean(m.group(5));
            String key = d + ":" + lineNo + ":" + col + ":" + message;
            if (!seen.add(key)) {
                continue;
            }
            Matcher disallowed = DISALLOWED.matcher(m.group(5));
            boolean notAllowed = disallowed.find();
            if (notAllowed) {
                message = api.disallowedName(disallowed.group(1)) + " is not allowed in APIM policy expressions";
                key = d + ":" + lineNo + ":" + col + ":" + message;
                if (!seen.add(key)) {
                    continue;
                }
            }
            String placeholder = slot == null ? null : placeholder(m.group(4), m.group(5), slot.code());
            if (placeholder != null) {
                if (!seen.add("placeholder:" + slot.index() + ":" + placeholder)) {
                    continue;
                }
                findings.add(new Finding(doc.source(), lineNo, col, Severity.ERROR, "template-placeholder", element,
                        "{" + placeholder + "} looks like an unreplaced template placeholder of a deployment tool, not APIM syntax: in an "
                                + "interpolated string single braces hold C# code" + " in " + excerpt(slot.expression().code()),
                        "replace it before deploying; APIM's own named values are written {{name}}"));
                continue;
            }
            findings.add(new Finding(doc.source(), lineNo, col, Severity.ERROR, notAllowed ? "expression-type-not-allowed" : "expression-compile",
                    element, message + (slot == null ? "" : " in " + excerpt(slot.expression().code())),
                    notAllowed ? "use a type from APIM's allowed list" : slot == null ? null : "the slot needs " + slot.type()));
        }
        findings.addAll(variableTypes(probes));
        return findings;
    }

    private static final Pattern UNKNOWN_NAME = Pattern.compile("The name `([A-Za-z_]\\w*)' does not exist in the current context");
    private static final Pattern PLACEHOLDER = Pattern.compile("[A-Za-z_]\\w*(?:-\\w+)*");

    /**
     * The hole of an interpolated string that an unknown-name error points at, when it holds
     * nothing but a name like {@code backend-id} or {@code accessKey}: another tool's template
     * placeholder ({@code {backend-id}}) left in the policy. Null otherwise.
     */
    static String placeholder(String code, String message, String slotCode) {
        if (!code.equals("CS0103")) {
            return null;
        }
        Matcher unknown = UNKNOWN_NAME.matcher(message);
        if (!unknown.find()) {
            return null;
        }
        String name = unknown.group(1);
        String[] found = new String[1];
        int pos = 0;
        while (pos < slotCode.length() && found[0] == null) {
            if (CSharpLexer.at(slotCode, pos) == CSharpLexer.Token.CODE) {
                pos++;
                continue;
            }
            try {
                pos = Math.max(pos + 1, CSharpLexer.end(slotCode, pos, new CSharpLexer.Listener() {
                    @Override
                    public void span(int start, int end, boolean isCode) {
                        String hole = slotCode.substring(start, end).trim();
                        if (hole.startsWith("{") && hole.endsWith("}")) {
                            hole = hole.substring(1, hole.length() - 1).trim();
                        }
                        if (isCode && found[0] == null && PLACEHOLDER.matcher(hole).matches()
                                && java.util.Arrays.asList(hole.split("-")).contains(name)) {
                            found[0] = hole;
                        }
                    }
                }));
            } catch (RuntimeException e) {
                return null;
            }
        }
        return found[0];
    }

    static void sort(List<Finding> findings) {
        findings.sort(Comparator.comparing(Finding::source).thenComparingInt(Finding::line).thenComparingInt(Finding::column));
    }

    /** Reads of a variable as a type that none of its stores has: the InvalidCastException class of 500s. */
    private List<Finding> variableTypes(Map<Integer, List<String>> probes) {
        Map<String, Set<String>> types = new HashMap<>();
        source.stored().forEach((name, list) -> {
            for (ExpressionSource.Stored st : list) {
                String t = st.literalType() != null ? st.literalType()
                        : probes.getOrDefault(st.probe(), List.of()).stream().findFirst().orElse(null);
                types.computeIfAbsent(name, k -> new TreeSet<>()).add(t == null ? "?" : simple(t));
            }
        });
        List<Finding> out = new ArrayList<>();
        for (ExpressionSource.Slot slot : source.slots()) {
            ParsedPolicy doc = docs.get(slot.doc());
            String code = slot.code();
            for (Pattern p : List.of(CAST_READ, GENERIC_READ)) {
                Matcher m = p.matcher(code);
                while (m.find()) {
                    String readAs = simple(m.group(1).trim());
                    String name = p == CAST_READ ? (m.group(2) != null ? m.group(2) : m.group(3)) : m.group(2);
                    Set<String> known = types.get(name);
                    if (known == null || known.contains("?") || readAs.equals("object") || compatible(known, readAs)) {
                        continue;
                    }
                    int[] at = position(slot, m.start());
                    out.add(new Finding(doc.source(), at[0], at[1], Severity.WARNING, "variable-type", slot.where(),
                            "variable '" + name + "' is stored as " + String.join(" or ", known) + " but read as " + readAs
                                    + "; the cast fails at run time with a 500",
                            "read it as " + String.join(" or ", known) + ", or store it as " + readAs));
                }
            }
        }
        return out;
    }

    private static boolean compatible(Set<String> stored, String readAs) {
        for (String s : stored) {
            if (s.equals(readAs) || (readAs.equals("JToken") && (s.equals("JObject") || s.equals("JArray") || s.equals("JValue")))
                    || (readAs.equals("JContainer") && (s.equals("JObject") || s.equals("JArray")))
                    || (readAs.endsWith("?") && readAs.substring(0, readAs.length() - 1).equals(s))) {
                return true;
            }
        }
        return false;
    }

    /** Type names as C# writes them, without namespaces: {@code System.Int32} and {@code int} are one type. */
    static String simple(String type) {
        String t = type.replaceAll("\\s+", "");
        t = t.replaceAll("(?:global::)?(?:[A-Za-z_]\\w*\\.)+([A-Za-z_]\\w*)", "$1");
        return switch (t) {
            case "String" -> "string";
            case "Int32" -> "int";
            case "Int64" -> "long";
            case "Boolean" -> "bool";
            case "Double" -> "double";
            case "Object" -> "object";
            case "Decimal" -> "decimal";
            default -> t;
        };
    }

    /** The slot whose method holds generated line {@code line}, or -1. */
    private int owner(int line) {
        int[][] ranges = source.methodLines();
        for (int i = 0; i < ranges.length; i++) {
            if (ranges[i] != null && line >= ranges[i][0] && line <= ranges[i][1]) {
                return i;
            }
        }
        return -1;
    }

    /** Line and column in the policy file of an offset into a slot's code. */
    private static int[] position(ExpressionSource.Slot slot, int offset) {
        String before = slot.code().substring(0, offset);
        int lastNl = before.lastIndexOf('\n');
        int line = slot.line() + (int) before.chars().filter(c -> c == '\n').count();
        return new int[] {line, lastNl < 0 ? slot.column() + offset : offset - lastNl};
    }

    private ExpressionSource.Slot slotAt(int doc, int line) {
        ExpressionSource.Slot best = null;
        for (ExpressionSource.Slot s : source.slots()) {
            if (s.doc() == doc && s.line() <= line && (best == null || s.line() >= best.line())) {
                best = s;
            }
        }
        return best;
    }

    private static String excerpt(String code) {
        String one = code.replaceAll("\\s+", " ").trim();
        return one.length() > 70 ? one.substring(0, 67) + "..." : one;
    }

    private static String clean(String message) {
        return message.replace(ExpressionSource.CLASS + ".", "").replaceAll("`__e\\d+\\(IContext\\)'", "the expression");
    }
}
