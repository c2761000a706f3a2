package dev.aigateway.policy;

import dev.aigateway.policy.Finding.Severity;
import dev.aigateway.policy.PolicyRules.AttributeType;
import dev.aigateway.policy.PolicyRules.ElementRule;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Compiles every policy expression offline with Mono's C# compiler, against a stub of APIM's
 * documented context API ({@code apim-context.cs}), so misspelt members, wrong types, non-bool
 * conditions, missing casts and types the policy runtime does not allow are found before a
 * deployment. All documents of one plan or lint call go through one compiler run; {@code #line}
 * directives make the compiler report errors at the expression's own file, line and column.
 */
public final class ExpressionCompiler {

    /** The outcome of one run: findings, how many expressions were compiled, and how long it took. */
    public record Result(List<Finding> findings, int expressions, long millis) {}

    private static final List<String> USINGS = List.of("System", "System.Collections.Generic", "System.Linq", "System.Text",
            "System.Text.RegularExpressions", "System.Xml", "System.Xml.Linq", "System.Net", "System.Security.Cryptography",
            "System.Security.Cryptography.X509Certificates", "System.IO", "Newtonsoft.Json", "Newtonsoft.Json.Linq", "System.Globalization");
    private static final Pattern ERROR = Pattern.compile("^(.*)\\((\\d+),(\\d+)\\): error (CS\\d+): (.*)$");
    /** The names {@code #line} gives each document ({@code d}) and variable type probe ({@code p}). */
    private static final Pattern FILE = Pattern.compile("(?:.*[/\\\\])?__aigw_([dp])(\\d+)");
    private static final Pattern PROBE = Pattern.compile("Cannot implicitly convert type `(.+)' to `(?:[\\w.]*\\.)?__Probe'");
    private static final Pattern POISONED = Pattern.compile("`__ApimExpressions\\.(\\w+)(?:<[^']*>)?'");
    private static final Pattern QUALIFIED = Pattern.compile("(?<![\\w.])(?:global::)?((?:System|Newtonsoft)(?:\\.[A-Za-z_]\\w*)+)");
    private static final Pattern CAST_READ = Pattern.compile(
            "\\(\\s*([A-Za-z_][\\w.]*(?:<[\\w.,\\s<>\\[\\]]+>)?(?:\\[\\])?\\??)\\s*\\)\\s*context\\.Variables\\s*(?:\\[\\s*\"([^\"]+)\"\\s*\\]|\\.GetValueOrDefault\\s*\\(\\s*\"([^\"]+)\")");
    private static final Pattern GENERIC_READ = Pattern.compile(
            "context\\.Variables\\.GetValueOrDefault\\s*<\\s*([^>(]+?(?:<[^>]+>)?)\\s*>\\s*\\(\\s*\"([^\"]+)\"");
    /** Variables that policies other than set-variable store, with the type they store. */
    private static final Map<String, Map<String, String>> STORED_BY = Map.of(
            "send-request", Map.of("response-variable-name", "IResponse"),
            "authentication-managed-identity", Map.of("output-token-variable-name", "string"),
            "validate-jwt", Map.of("output-token-variable-name", "Jwt"),
            "validate-azure-ad-token", Map.of("output-token-variable-name", "Jwt"));

    private final String mcs;
    private final List<String> references;
    private final PolicyRules rules;
    private final Set<String> allowed;
    private final String preamble;
    /** Simple name to full name of each type made unusable. */
    private final Map<String, String> poisonedNames = new HashMap<>();

    private ExpressionCompiler(String mcs, List<String> references, PolicyRules rules) {
        this.mcs = mcs;
        this.references = references;
        this.rules = rules;
        this.allowed = new HashSet<>(lines("expression-allowed-types.txt"));
        this.preamble = preamble(allowed, poisonedNames);
    }

    /** The compiler when {@code mcs} and Newtonsoft.Json are installed (Debian: mono-mcs, libnewtonsoft-json-cil-dev). */
    public static Optional<ExpressionCompiler> find() {
        // -Daigw.mcs=PATH picks a compiler; -Daigw.mcs=none turns compiling off.
        String chosen = System.getProperty("aigw.mcs");
        if ("none".equals(chosen)) {
            return Optional.empty();
        }
        Optional<String> mcs = chosen != null ? Optional.of(chosen).filter(c -> Files.isExecutable(Path.of(c))) : onPath("mcs");
        Optional<Path> json = newtonsoftJson();
        if (mcs.isEmpty() || json.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new ExpressionCompiler(mcs.get(), List.of("System.dll", "System.Core.dll", "System.Xml.dll",
                "System.Xml.Linq.dll", json.get().toString()), PolicyRules.standard()));
    }

    /** What to install when {@link #find()} finds nothing. */
    public static String installHint() {
        return "install mono-mcs and libnewtonsoft-json-cil-dev (Debian/Ubuntu) to compile policy expressions";
    }

    private static Optional<String> onPath(String tool) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
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

    /** One slot to compile: an expression, the type it must have, and where it stands. */
    private record Slot(int doc, ParsedPolicy.Expression expression, String type, int line, int column, String code, boolean block) {}

    /** Compile every expression of {@code docs} in one compiler run. */
    public Result compile(List<ParsedPolicy> docs) {
        long start = System.nanoTime();
        List<Slot> slots = new ArrayList<>();
        List<Finding> findings = new ArrayList<>();
        for (int d = 0; d < docs.size(); d++) {
            ParsedPolicy doc = docs.get(d);
            for (ParsedPolicy.Expression e : doc.expressions()) {
                String raw = doc.text().substring(e.start(), e.end());
                if (raw.contains("${")) {
                    continue; // a template slot of this project's own policies: compiled once rendered, in the plan
                }
                boolean block = raw.startsWith("@{");
                int codeStart = e.start() + 2;
                String code = raw.substring(2, raw.length() - 1);
                code = unescapeXml(code); // APIM reads XML entities in attributes and text before it compiles

                Slot slot = new Slot(d, e, expectedType(e), doc.line(codeStart), doc.column(codeStart), code, block);
                slots.add(slot);
                findings.addAll(qualifiedNames(doc, slot));
            }
        }
        if (slots.isEmpty()) {
            return new Result(findings, 0, 0);
        }
        Map<String, List<Stored>> stored = new LinkedHashMap<>();
        int[][] ranges = new int[slots.size()][];
        String source = source(docs, slots, stored, ranges);
        List<String> output = run(source);
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
                int owner = owner(ranges, lineNo);
                if (owner < 0) {
                    findings.add(new Finding("(expression compiler)", lineNo, col, Severity.ERROR, "expression-compile", "stub",
                            m.group(4) + ": " + m.group(5), "report this: the context stub itself does not compile"));
                } else if (blamed.add(owner)) {
                    Slot slot = slots.get(owner);
                    ParsedPolicy doc = docs.get(slot.doc());
                    findings.add(new Finding(doc.source(), slot.line(), slot.column(), Severity.ERROR, "expression-compile", where(slot.expression()),
                            m.group(4) + ": " + clean(m.group(5)) + " in " + excerpt(slot.expression().code()), "the slot needs " + slot.type()));
                }
                continue;
            }
            int d = Integer.parseInt(file.group(2));
            ParsedPolicy doc = docs.get(d);
            Slot slot = slotAt(slots, d, lineNo);
            if (slot != null) {
                blamed.add(slots.indexOf(slot));
            }
            String element = slot == null ? "document" : where(slot.expression());
            String message = m.group(4) + ": " + clean(m.group(5));
            String key = d + ":" + lineNo + ":" + col + ":" + message;
            if (!seen.add(key)) {
                continue;
            }
            Matcher poisoned = POISONED.matcher(m.group(5));
            boolean notAllowed = poisoned.find();
            if (notAllowed) {
                message = poisonedNames.getOrDefault(poisoned.group(1), poisoned.group(1)) + " is not allowed in APIM policy expressions";
                key = d + ":" + lineNo + ":" + col + ":" + message;
                if (!seen.add(key)) {
                    continue;
                }
            }
            findings.add(new Finding(doc.source(), lineNo, col, Severity.ERROR, notAllowed ? "expression-type-not-allowed" : "expression-compile",
                    element, message + (slot == null ? "" : " in " + excerpt(slot.expression().code())),
                    notAllowed ? "use a type from APIM's allowed list" : slot == null ? null : "the slot needs " + slot.type()));
        }
        findings.addAll(variableTypes(docs, slots, stored, probes));
        findings.sort(Comparator.comparing(Finding::source).thenComparingInt(Finding::line).thenComparingInt(Finding::column));
        return new Result(findings, slots.size(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
    }

    /** A stored variable: the slot (or literal) that stores it, for the type probe. */
    private record Stored(int doc, PolicyNode element, String literalType, int probe) {}

    private static int owner(int[][] ranges, int line) {
        for (int i = 0; i < ranges.length; i++) {
            if (ranges[i] != null && line >= ranges[i][0] && line <= ranges[i][1]) {
                return i;
            }
        }
        return -1;
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

    /** {@code ranges[i]} receives the generated lines of slot i's method, to blame wrapper errors on it. */
    private String source(List<ParsedPolicy> docs, List<Slot> slots, Map<String, List<Stored>> stored, int[][] ranges) {
        StringBuilder s = new StringBuilder(preamble);
        s.append("static class __Policies {\n");
        s.append("  static T __Infer<T>(Func<T> f) { return default(T); }\n");
        int n = 0;
        int probes = 0;
        int generatedLine = lineCount(s, 0);
        int counted = s.length();
        for (Slot slot : slots) {
            generatedLine += lineCount(s, counted) - 1;
            counted = s.length();
            int first = generatedLine;
            String method = "__e" + n++;
            String file = "__aigw_d" + slot.doc();
            String pad = " ".repeat(Math.max(0, slot.column() - 1));
            if (slot.block()) {
                s.append("  static ").append(slot.type()).append(' ').append(method).append("(IContext context) {\n");
                s.append("#line ").append(slot.line()).append(" \"").append(file).append("\"\n");
                s.append(pad).append(slot.code()).append('\n');
                s.append("#line default\n  }\n");
            } else {
                s.append("  static ").append(slot.type()).append(' ').append(method).append("(IContext context) {\n    return (\n");
                s.append("#line ").append(slot.line()).append(" \"").append(file).append("\"\n");
                s.append(pad).append(slot.code()).append('\n');
                s.append("#line default\n    );\n  }\n");
            }
            generatedLine += lineCount(s, counted) - 1;
            counted = s.length();
            ranges[n - 1] = new int[] {first, generatedLine - 1};
            PolicyNode el = slot.expression().element();
            if (el.name().equals("set-variable") && "value".equals(slot.expression().attribute()) && el.attribute("name") != null) {
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
        return s.toString();
    }

    private void storedLiterals(int doc, PolicyNode n, Map<String, List<Stored>> stored) {
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

    /** Reads of a variable as a type that none of its stores has: the InvalidCastException class of 500s. */
    private List<Finding> variableTypes(List<ParsedPolicy> docs, List<Slot> slots, Map<String, List<Stored>> stored,
            Map<Integer, List<String>> probes) {
        Map<String, Set<String>> types = new HashMap<>();
        stored.forEach((name, list) -> {
            for (Stored st : list) {
                String t = st.literalType() != null ? st.literalType()
                        : probes.getOrDefault(st.probe(), List.of()).stream().findFirst().orElse(null);
                types.computeIfAbsent(name, k -> new TreeSet<>()).add(t == null ? "?" : simple(t));
            }
        });
        List<Finding> out = new ArrayList<>();
        for (Slot slot : slots) {
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
                    out.add(new Finding(doc.source(), at[0], at[1], Severity.WARNING, "variable-type", where(slot.expression()),
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

    /** Fully qualified names that reach past the allowed types, such as System.IO.File. */
    private List<Finding> qualifiedNames(ParsedPolicy doc, Slot slot) {
        List<Finding> out = new ArrayList<>();
        Matcher m = QUALIFIED.matcher(withoutStrings(slot.code()));
        while (m.find()) {
            String[] parts = m.group(1).split("\\.");
            boolean ok = false;
            StringBuilder prefix = new StringBuilder(parts[0]);
            for (int i = 1; i < parts.length && !ok; i++) {
                prefix.append('.').append(parts[i]);
                ok = allowed.contains(prefix.toString()) || USINGS.contains(prefix.toString()) && i == parts.length - 1;
            }
            if (!ok) {
                int[] at = position(slot, m.start(1));
                out.add(new Finding(doc.source(), at[0], at[1], Severity.ERROR, "expression-type-not-allowed", where(slot.expression()),
                        m.group(1) + " is not allowed in APIM policy expressions in " + excerpt(slot.expression().code()),
                        "use a type from APIM's allowed list"));
            }
        }
        return out;
    }

    /** Line and column in the policy file of an offset into a slot's code. */
    private static int[] position(Slot slot, int offset) {
        String before = slot.code().substring(0, offset);
        int lastNl = before.lastIndexOf('\n');
        int line = slot.line() + (int) before.chars().filter(c -> c == '\n').count();
        return new int[] {line, lastNl < 0 ? slot.column() + offset : offset - lastNl};
    }

    /** Blank out string and char literals and line comments, keeping offsets, so names in them are not read as code. */
    static String withoutStrings(String code) {
        StringBuilder out = new StringBuilder(code);
        int i = 0;
        while (i < code.length()) {
            char c = code.charAt(i);
            if (c == '"' || c == '\'') {
                boolean verbatim = i > 0 && code.charAt(i - 1) == '@' && c == '"';
                int j = i + 1;
                while (j < code.length()) {
                    char d = code.charAt(j);
                    if (!verbatim && d == '\\') {
                        j += 2;
                        continue;
                    }
                    if (d == c) {
                        if (verbatim && j + 1 < code.length() && code.charAt(j + 1) == '"') {
                            j += 2;
                            continue;
                        }
                        break;
                    }
                    j++;
                }
                for (int k = i + 1; k < Math.min(j, code.length()); k++) {
                    if (out.charAt(k) != '\n') {
                        out.setCharAt(k, ' ');
                    }
                }
                i = j + 1;
            } else if (c == '/' && i + 1 < code.length() && code.charAt(i + 1) == '/') {
                int nl = code.indexOf('\n', i);
                int end = nl < 0 ? code.length() : nl;
                for (int k = i; k < end; k++) {
                    out.setCharAt(k, ' ');
                }
                i = end;
            } else {
                i++;
            }
        }
        return out.toString();
    }

    /** The C# type an expression must have where it stands. */
    String expectedType(ParsedPolicy.Expression e) {
        PolicyNode el = e.element();
        String attr = e.attribute();
        if (attr == null) {
            return "string"; // element text: bodies, header and query values, URLs, methods, messages
        }
        if (attr.equals("value") && (el.name().equals("set-variable") || el.name().equals("cache-store-value"))
                || attr.equals("default-value")) {
            return "object";
        }
        ElementRule rule = ruleFor(el);
        AttributeType type = rule == null ? null : rule.attributes.get(attr);
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

    private ElementRule ruleFor(PolicyNode n) {
        PolicyNode parent = n.parent();
        if (parent != null) {
            ElementRule parentRule = ruleFor(parent);
            if (parentRule != null && !parentRule.policies && parentRule.childSpecs.containsKey(n.name())) {
                return rules.child(parentRule, n.name());
            }
        }
        return rules.policy(n.name());
    }

    private static Slot slotAt(List<Slot> slots, int doc, int line) {
        Slot best = null;
        for (Slot s : slots) {
            if (s.doc() == doc && s.line() <= line && (best == null || s.line() >= best.line())) {
                best = s;
            }
        }
        return best;
    }

    private static String where(ParsedPolicy.Expression e) {
        return e.element().path() + (e.attribute() == null ? "" : "@" + e.attribute());
    }

    private static String excerpt(String code) {
        String one = code.replaceAll("\\s+", " ").trim();
        return one.length() > 70 ? one.substring(0, 67) + "..." : one;
    }

    private static String clean(String message) {
        return message.replace("__Policies.", "").replaceAll("`__e\\d+\\(IContext\\)'", "the expression");
    }

    private static String unescapeXml(String s) {
        return s.replace("&quot;", "\"").replace("&apos;", "'").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    }

    /** The usings, the context stub, and every disallowed type of the imported namespaces made unusable. */
    private static String preamble(Set<String> allowed, Map<String, String> poisoned) {
        StringBuilder s = new StringBuilder();
        for (String u : USINGS) {
            s.append("using ").append(u).append(";\n");
        }
        s.append(resource("apim-context.cs").replaceAll("(?m)^using [\\w.]+;\\s*$", "")).append('\n');
        s.append("namespace __ApimExpressions {\n");
        Set<String> allowedSimple = new HashSet<>();
        allowed.forEach(a -> allowedSimple.add(a.substring(a.lastIndexOf('.') + 1)));
        Set<String> stubNames = Set.of("IContext", "IApi", "IDeployment", "ILastError", "IOperation", "IProduct", "IRequest",
                "IResponse", "ISubscription", "IUser", "IGroup", "IUserIdentity", "ISubscriptionKeyParameterNames",
                "IPrivateEndpointConnection", "IUrl", "IMessageBody", "BasicAuthCredentials", "Jwt", "ProductState");
        Set<String> declared = new HashSet<>();
        for (String row : lines("expression-namespace-types.tsv")) {
            String[] cols = row.split("\t");
            String full = cols[0];
            int arity = Integer.parseInt(cols[1]);
            String simple = full.substring(full.lastIndexOf('.') + 1);
            if (allowed.contains(full) || allowedSimple.contains(simple) || stubNames.contains(simple) || !declared.add(simple + "`" + arity)) {
                continue;
            }
            poisoned.putIfAbsent(simple, full);
            s.append("[global::System.Obsolete(\"").append(full).append(" is not allowed in APIM policy expressions\", true)] class ")
                    .append(simple);
            if (arity > 0) {
                s.append('<');
                for (int i = 0; i < arity; i++) {
                    s.append(i == 0 ? "" : ",").append("__T").append(i);
                }
                s.append('>');
            }
            s.append(" {}\n");
        }
        return s.toString();
    }

    private List<String> run(String source) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("aigw-expr");
            Path file = dir.resolve("policies.cs");
            Files.writeString(file, source, StandardCharsets.UTF_8);
            List<String> cmd = new ArrayList<>(List.of(mcs, "-target:library", "-warn:0", "-nologo", "-out:" + dir.resolve("policies.dll")));
            references.forEach(r -> cmd.add("-r:" + r));
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
        } finally {
            if (dir != null) {
                try (Stream<Path> files = Files.walk(dir)) {
                    files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
                } catch (IOException ignored) {
                    // a temp folder left behind is harmless
                }
            }
        }
    }

    private static String resource(String name) {
        try (InputStream in = ExpressionCompiler.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> lines(String name) {
        return resource(name).lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
    }
}
