package dev.aigateway.lint.compile;

import dev.aigateway.lint.ParsedPolicy;
import dev.aigateway.lint.PolicyNode;
import dev.aigateway.lint.PolicyRules;
import dev.aigateway.lint.PolicyRules.AttributeType;
import dev.aigateway.lint.XmlEscape;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The C# source of a set of policy documents: one static method per expression, typed as its slot
 * requires ({@code bool} for a condition, {@code string} for a header value, ...), with
 * {@code #line} directives so the compiler reports errors at the expression's own file, line and
 * column; and, for each {@code set-variable}, a probe that makes the compiler name the stored type.
 *
 * <p>The same source serves two purposes. To check expressions it is compiled and thrown away. To
 * run them, a {@link Flavour} rewrites each expression's code (for example to route the clock
 * through an emulator) and appends code after the methods (a runtime that calls them).
 */
public final class ExpressionSource {

    /**
     * One expression to compile.
     *
     * @param index  its position among all slots; its method is {@link #method()}
     * @param doc    the index of its document
     * @param type   the C# type the slot requires
     * @param code   the expression's C# (XML entities decoded), without {@code @(}/{@code @{} and the closing bracket
     * @param block  a {@code @{...}} statement block rather than a {@code @(...)} expression
     */
    public record Slot(int index, int doc, ParsedPolicy.Expression expression, String type, int line, int column, String code,
            boolean block) {
        public String method() {
            return "__e" + index;
        }

        /** Where it stands, for messages: {@code policies/inbound/set-variable@value}. */
        public String where() {
            return expression.element().path() + (expression.attribute() == null ? "" : "@" + expression.attribute());
        }
    }

    /** A stored variable: the set-variable slot that stores it (through its probe), or the type a literal or policy stores. */
    record Stored(int doc, PolicyNode element, String literalType, int probe) {}

    /** How the generated source differs from the plain type check. */
    public interface Flavour {
        /** The code of an expression as it is compiled. */
        default String code(Slot slot) {
            return slot.code();
        }

        /** Source appended after the expressions' namespace is closed. */
        default String after(List<Slot> slots) {
            return "";
        }

        /**
         * Whether to add the variable-type probes. They are deliberate compile errors that make
         * the compiler name each stored type, so code that is to run must go without them.
         */
        default boolean probes() {
            return true;
        }
    }

    /** Compile as written, to check. */
    public static final Flavour CHECK = new Flavour() {};

    /** A ${slot} of this project's templates (a name, optionally with '?'); C# code such as $"${context.X}" is not one. */
    private static final java.util.regex.Pattern TEMPLATE_SLOT = java.util.regex.Pattern.compile("\\$\\{[A-Za-z][A-Za-z0-9]*\\??}");

    /** The class holding the expression methods, inside {@link ContextApi#NAMESPACE}. */
    public static final String CLASS = "__Policies";

    private static final Map<String, Map<String, String>> STORED_BY = Map.of(
            "send-request", Map.of("response-variable-name", "IResponse"),
            "authentication-managed-identity", Map.of("output-token-variable-name", "string"),
            "validate-jwt", Map.of("output-token-variable-name", "Jwt"),
            "validate-azure-ad-token", Map.of("output-token-variable-name", "Jwt"),
            "get-authorization-context", Map.of("context-variable-name", "Authorization"));

    private final String text;
    private final List<Slot> slots;
    private final int[][] methodLines;
    private final Map<String, List<Stored>> stored;

    private ExpressionSource(String text, List<Slot> slots, int[][] methodLines, Map<String, List<Stored>> stored) {
        this.text = text;
        this.slots = slots;
        this.methodLines = methodLines;
        this.stored = stored;
    }

    /** The slots of every expression in {@code docs}, in document order; template slots of unrendered files are left out. */
    public static List<Slot> slots(List<ParsedPolicy> docs, PolicyRules rules) {
        return slots(docs, rules, NamedValues.placeholders());
    }

    /** As {@link #slots(List, PolicyRules)}, with named values replaced as APIM replaces them before compiling. */
    public static List<Slot> slots(List<ParsedPolicy> docs, PolicyRules rules, NamedValues namedValues) {
        List<Slot> slots = new ArrayList<>();
        for (int d = 0; d < docs.size(); d++) {
            ParsedPolicy doc = docs.get(d);
            for (ParsedPolicy.Expression e : doc.expressions()) {
                String raw = doc.text().substring(e.start(), e.end());
                if (TEMPLATE_SLOT.matcher(raw).find()) {
                    continue; // a template slot of this project's own policies: compiled once rendered, in the plan
                }
                int codeStart = e.start() + 2;
                // APIM reads XML entities in attributes and text before it compiles.
                String code = namedValues.substitute(XmlEscape.unescapeEntities(raw.substring(2, raw.length() - 1)));
                slots.add(new Slot(slots.size(), d, e, expectedType(e, rules), doc.line(codeStart), doc.column(codeStart), code,
                        raw.startsWith("@{")));
            }
        }
        return List.copyOf(slots);
    }

    /** Generate the source of {@code slots}. */
    public static ExpressionSource generate(List<ParsedPolicy> docs, List<Slot> slots, ContextApi api, Flavour flavour) {
        StringBuilder s = new StringBuilder(api.preamble());
        s.append("public static class ").append(CLASS).append(" {\n");
        s.append("  static T __Infer<T>(Func<T> f) { return default(T); }\n");
        Map<String, List<Stored>> stored = new LinkedHashMap<>();
        int[][] lines = new int[slots.size()][];
        int probes = 0;
        int generatedLine = lineCount(s, 0);
        int counted = s.length();
        for (Slot slot : slots) {
            generatedLine += lineCount(s, counted) - 1;
            counted = s.length();
            int first = generatedLine;
            String file = "__aigw_d" + slot.doc();
            String pad = " ".repeat(Math.max(0, slot.column() - 1));
            String code = flavour.code(slot);
            s.append("  public static ").append(slot.type()).append(' ').append(slot.method()).append("(IContext context) {\n");
            if (!slot.block()) {
                s.append("    return (\n");
            }
            s.append("#line ").append(slot.line()).append(" \"").append(file).append("\"\n");
            s.append(pad).append(code).append('\n');
            s.append("#line default\n").append(slot.block() ? "  }\n" : "    );\n  }\n");
            generatedLine += lineCount(s, counted) - 1;
            counted = s.length();
            lines[slot.index()] = new int[] {first, generatedLine - 1};
            PolicyNode el = slot.expression().element();
            if (flavour.probes() && el.name().equals("set-variable") && "value".equals(slot.expression().attribute()) && el.attribute("name") != null) {
                int probe = probes++;
                stored.computeIfAbsent(el.attribute("name"), k -> new ArrayList<>()).add(new Stored(slot.doc(), el, null, probe));
                s.append("  static void __p").append(probe).append("(IContext context) {\n");
                s.append("#line 1 \"__aigw_p").append(probe).append("\"\n");
                s.append(slot.block() ? "    __Probe __v = __Infer(() => {\n" + slot.code() + "\n    });\n"
                        : "    __Probe __v = (\n" + slot.code() + "\n    );\n");
                s.append("#line default\n  }\n");
            }
        }
        for (int d = 0; d < docs.size(); d++) {
            storedLiterals(d, docs.get(d).root(), stored);
        }
        s.append("}\nclass __Probe {}\n}\n");
        s.append(flavour.after(slots));
        return new ExpressionSource(s.toString(), slots, lines, stored);
    }

    public String text() {
        return text;
    }

    public List<Slot> slots() {
        return slots;
    }

    /** The generated line range of each slot's method, by slot index. */
    int[][] methodLines() {
        return methodLines;
    }

    Map<String, List<Stored>> stored() {
        return stored;
    }

    /** Variables stored by literals and by policies other than set-variable, with the type they store. */
    private static void storedLiterals(int doc, PolicyNode n, Map<String, List<Stored>> stored) {
        if (n.name().equals("set-variable") && n.attribute("name") != null && n.has("value") && !n.attributes().get("value").expression()) {
            stored.computeIfAbsent(n.attribute("name"), k -> new ArrayList<>()).add(new Stored(doc, n, "string", -1));
        }
        Map<String, String> byAttribute = STORED_BY.get(n.name());
        if (byAttribute != null) {
            byAttribute.forEach((attr, type) -> {
                if (n.attribute(attr) != null) {
                    stored.computeIfAbsent(n.attribute(attr), k -> new ArrayList<>()).add(new Stored(doc, n, type, -1));
                }
            });
        }
        n.children().forEach(c -> storedLiterals(doc, c, stored));
    }

    /** The C# type an expression must have where it stands. */
    static String expectedType(ParsedPolicy.Expression e, PolicyRules rules) {
        PolicyNode el = e.element();
        String attr = e.attribute();
        if (attr == null) {
            return "string"; // element text: bodies, header and query values, URLs, methods, messages
        }
        if (attr.equals("value") && (el.name().equals("set-variable") || el.name().equals("cache-store-value"))
                || attr.equals("default-value")) {
            return "object";
        }
        AttributeType type = rules.attributeType(el, attr);
        if (type == null) {
            return "object";
        }
        return switch (type.kind()) {
            case "bool" -> "bool";
            case "int" -> "int";
            case "number" -> "double";
            default -> "string";
        };
    }

    /** 1 + the newlines of {@code s} from {@code from}. */
    private static int lineCount(StringBuilder s, int from) {
        int n = 1;
        for (int i = from; i < s.length(); i++) {
            if (s.charAt(i) == '\n') {
                n++;
            }
        }
        return n;
    }
}
