package dev.aigateway.policy;

import dev.aigateway.policy.RawXmlScanner.Context;
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

/**
 * A policy file from {@code policies/} with {@code ${name}} slots. Values are typed (String,
 * Integer, Boolean) and each is escaped for the context its slot sits in: XML text, XML attribute,
 * or the inside of a C# string literal. Only numbers and booleans may land in expression code.
 */
public final class PolicyTemplate {
    private static final Map<String, PolicyTemplate> CACHE = new ConcurrentHashMap<>();

    private sealed interface Part permits Literal, Slot {}

    private record Literal(String text) implements Part {}

    private record Slot(String name, Context context) implements Part {}

    private final String name;
    private final List<Part> parts;
    private final Set<String> slots;

    private PolicyTemplate(String name, String source) {
        this.name = name;
        List<Part> parts = new ArrayList<>();
        Set<String> slots = new LinkedHashSet<>();
        StringBuilder literal = new StringBuilder();
        try {
            RawXmlScanner.scan(source, true, new RawXmlScanner.Listener() {
                @Override
                public void literal(int start, int end, Context context) {
                    literal.append(source, start, end);
                }

                @Override
                public void placeholder(int start, int end, String slot, Context context) {
                    if (literal.length() > 0) {
                        parts.add(new Literal(literal.toString()));
                        literal.setLength(0);
                    }
                    parts.add(new Slot(slot, context));
                    slots.add(slot);
                }
            });
        } catch (PolicyException e) {
            throw new PolicyException(name + ": " + e.getMessage());
        }
        if (literal.length() > 0) {
            parts.add(new Literal(literal.toString()));
        }
        this.parts = List.copyOf(parts);
        this.slots = Set.copyOf(slots);
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

    /** Fill every slot. Missing or unexpected values are errors, so a typo cannot go unnoticed. */
    public String render(Map<String, ?> values) {
        if (!values.keySet().equals(slots)) {
            Set<String> missing = new TreeSet<>(slots);
            missing.removeAll(values.keySet());
            Set<String> extra = new TreeSet<>(values.keySet());
            extra.removeAll(slots);
            throw new PolicyException(name + ": values do not match the template's slots"
                    + (missing.isEmpty() ? "" : "; missing " + missing)
                    + (extra.isEmpty() ? "" : "; unexpected " + extra));
        }
        StringBuilder out = new StringBuilder();
        for (Part part : parts) {
            if (part instanceof Literal l) {
                out.append(l.text());
            } else if (part instanceof Slot s) {
                out.append(escape(s, values.get(s.name())));
            }
        }
        return out.toString();
    }

    private String escape(Slot slot, Object value) {
        if (value == null) {
            throw new PolicyException(name + ": slot '" + slot.name() + "' has no value");
        }
        if (!(value instanceof String || value instanceof Integer || value instanceof Boolean)) {
            throw new PolicyException(name + ": slot '" + slot.name() + "' takes a String, Integer or Boolean, not "
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
