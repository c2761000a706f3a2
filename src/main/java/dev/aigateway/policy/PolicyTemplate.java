package dev.aigateway.policy;

import dev.aigateway.lint.RawXmlScanner;
import dev.aigateway.lint.RawXmlScanner.Context;
import dev.aigateway.lint.SyntaxException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A policy file from {@code policies/} with {@code ${name}} slots. Values are typed (String,
 * Integer, Long, Boolean) and each is escaped for the context its slot sits in: XML text, XML attribute,
 * or the inside of a C# string literal. Only numbers and booleans may land in expression code.
 */
public final class PolicyTemplate {
    private static final Map<String, PolicyTemplate> CACHE = new ConcurrentHashMap<>();

    private sealed interface Part permits Literal, Slot, OptionalAttribute {}

    private record Literal(String text) implements Part {}

    private record Slot(String name, Context context) implements Part {}

    /** {@code name="${slot?}"}: the whole attribute is left out when the slot has no value. */
    private record OptionalAttribute(String prefix, String slot, char quote) implements Part {}

    private static final Pattern ATTRIBUTE_START = Pattern.compile("\\s+[A-Za-z_:][-\\w.:]*\\s*=\\s*([\"'])$");
    /** The start of an include whose fragment id is optional: its line goes when the id has no value. */
    private static final Pattern INCLUDE_START = Pattern.compile("(\\n[ \\t]*)?<include-fragment$");
    private static final Pattern INCLUDE_END = Pattern.compile("\\s*/>");

    private final String name;
    private final List<Part> parts;
    private final Set<String> slots;
    private final Set<String> optional;

    private PolicyTemplate(String name, String source) {
        this.name = name;
        List<Part> parts = new ArrayList<>();
        Set<String> slots = new LinkedHashSet<>();
        Set<String> optional = new LinkedHashSet<>();
        StringBuilder literal = new StringBuilder();
        char[] pendingQuote = {0};
        try {
            RawXmlScanner.scan(source, true, new RawXmlScanner.Listener() {
                @Override
                public void literal(int start, int end, Context context) {
                    int from = start;
                    if (pendingQuote[0] != 0) {
                        if (source.charAt(start) != pendingQuote[0]) {
                            throw new PolicyException("an optional slot must be the whole attribute value");
                        }
                        pendingQuote[0] = 0;
                        from++;
                    }
                    literal.append(source, from, end);
                }

                @Override
                public void placeholder(int start, int end, String slot, Context context) {
                    if (slot.endsWith("?")) {
                        String name = slot.substring(0, slot.length() - 1);
                        Matcher m = ATTRIBUTE_START.matcher(literal);
                        if (context != Context.ATTRIBUTE || !m.find()) {
                            throw new PolicyException("optional slot '" + name + "' must be a whole attribute value");
                        }
                        String prefix = literal.substring(m.start());
                        char quote = m.group(1).charAt(0);
                        literal.setLength(m.start());
                        flushLiteral();
                        parts.add(new OptionalAttribute(prefix, name, quote));
                        pendingQuote[0] = quote;
                        slots.add(name);
                        optional.add(name);
                        return;
                    }
                    flushLiteral();
                    parts.add(new Slot(slot, context));
                    slots.add(slot);
                }

                private void flushLiteral() {
                    if (literal.length() > 0) {
                        parts.add(new Literal(literal.toString()));
                        literal.setLength(0);
                    }
                }
            });
        } catch (SyntaxException | PolicyException e) {
            throw new PolicyException(name + ": " + e.getMessage());
        }
        if (literal.length() > 0) {
            parts.add(new Literal(literal.toString()));
        }
        this.parts = List.copyOf(parts);
        this.slots = Set.copyOf(slots);
        this.optional = Set.copyOf(optional);
    }

    /** Parse template text; {@code name} is used in error messages. */
    public static PolicyTemplate of(String name, String source) {
        return new PolicyTemplate(name, source);
    }

    /** Load {@code policies/<path>} from the classpath (the jar ships the folder). Parsed once. */
    public static PolicyTemplate load(String path) {
        return CACHE.computeIfAbsent(path, p -> {
            try (InputStream in = PolicyTemplate.class.getClassLoader().getResourceAsStream("policies/" + p)) {
                if (in == null) {
                    throw new PolicyException("policy file not found: policies/" + p);
                }
                return new PolicyTemplate(p, new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new PolicyException("cannot read policies/" + p + ": " + e.getMessage());
            }
        });
    }

    public String name() {
        return name;
    }

    public Set<String> slots() {
        return slots;
    }

    /**
     * Fill every slot. Optional slots ({@code ${name?}}) may be left out, which leaves out their
     * attribute; an {@code include-fragment} whose fragment id is optional is left out whole. Missing or unexpected values are errors, so a typo cannot go unnoticed.
     */
    public String render(Map<String, ?> values) {
        Set<String> missing = new TreeSet<>(slots);
        missing.removeAll(values.keySet());
        missing.removeAll(optional);
        if (!missing.isEmpty() || !slots.containsAll(values.keySet())) {
            Set<String> extra = new TreeSet<>(values.keySet());
            extra.removeAll(slots);
            throw new PolicyException(name + ": values do not match the template's slots"
                    + (missing.isEmpty() ? "" : "; missing " + missing)
                    + (extra.isEmpty() ? "" : "; unexpected " + extra));
        }
        StringBuilder out = new StringBuilder();
        boolean dropElementEnd = false;
        for (Part part : parts) {
            if (part instanceof Literal l) {
                String text = l.text();
                if (dropElementEnd) {
                    Matcher end = INCLUDE_END.matcher(text);
                    if (!end.lookingAt()) {
                        throw new PolicyException(name + ": an optional include-fragment must be written <include-fragment fragment-id=\"${slot?}\" />");
                    }
                    text = text.substring(end.end());
                    dropElementEnd = false;
                }
                out.append(text);
            } else if (part instanceof Slot s) {
                out.append(escape(s, values.get(s.name())));
            } else if (part instanceof OptionalAttribute a && values.get(a.slot()) != null) {
                out.append(a.prefix()).append(escape(new Slot(a.slot(), Context.ATTRIBUTE), values.get(a.slot()))).append(a.quote());
            } else if (part instanceof OptionalAttribute) {
                // <include-fragment fragment-id="${slot?}" /> without a value: the include is left out, line and all.
                Matcher start = INCLUDE_START.matcher(out);
                if (start.find()) {
                    out.setLength(start.start());
                    dropElementEnd = true;
                }
            }
        }
        return out.toString();
    }

    private String escape(Slot slot, Object value) {
        if (value == null) {
            throw new PolicyException(name + ": slot '" + slot.name() + "' has no value");
        }
        if (!(value instanceof String || value instanceof Integer || value instanceof Long || value instanceof Boolean)) {
            throw new PolicyException(name + ": slot '" + slot.name() + "' takes a String, Integer, Long or Boolean, not "
                    + value.getClass().getSimpleName());
        }
        String text = value.toString();
        return switch (slot.context()) {
            case TEXT -> Escaping.xmlText(text);
            case ATTRIBUTE -> Escaping.xmlAttribute(text);
            case STRING -> Escaping.csharpString(text);
            case CODE -> {
                if (value instanceof String) {
                    throw new PolicyException(name + ": slot '" + slot.name()
                            + "' sits in expression code, where only numbers and booleans may go; put it inside a string literal");
                }
                yield text;
            }
            default -> throw new PolicyException(name + ": slot '" + slot.name() + "' cannot be filled in " + slot.context());
        };
    }
}
