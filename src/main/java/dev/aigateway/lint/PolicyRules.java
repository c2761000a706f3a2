package dev.aigateway.lint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What APIM accepts, as data: {@code apim-policies.json} (the published reference: sections,
 * scopes, required attributes, child elements) merged with {@code apim-policy-rules.json} (our
 * catalogue of attributes and their types, content model and occurrence limits). The linter reads
 * only this; a new rule is a new entry, not new code.
 */
public final class PolicyRules {

    /** An attribute's type; {@code literal} when APIM does not allow an expression there. */
    public record AttributeType(String kind, List<String> values, boolean literal) {
        private static final Pattern SPEC = Pattern.compile("(string|int|number|bool|enum\\(([^)]*)\\))( literal)?");

        static AttributeType parse(String spec) {
            Matcher m = SPEC.matcher(spec);
            if (!m.matches()) {
                throw new IllegalStateException("bad attribute type in apim-policy-rules.json: " + spec);
            }
            String kind = m.group(1).startsWith("enum") ? "enum" : m.group(1);
            List<String> values = m.group(2) == null ? List.of() : List.of(m.group(2).split("\\|"));
            return new AttributeType(kind, values, m.group(3) != null);
        }

        /** Null when {@code value} (a literal) is acceptable, else what it must be. */
        public String reject(String value) {
            String v = value.trim();
            // Named values ({{name}}) are resolved by APIM before the policy runs; template slots
            // (${name}) of the project's own policies are checked once rendered.
            if (v.contains("{{") || v.contains("${")) {
                return null;
            }
            return switch (kind) {
                case "int" -> v.matches("-?\\d+") ? null : "a whole number";
                case "number" -> v.matches("-?\\d+(\\.\\d+)?") ? null : "a number";
                case "bool" -> v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false") ? null : "true or false";
                case "enum" -> values.stream().anyMatch(x -> x.equalsIgnoreCase(v)) ? null : "one of " + String.join(", ", values);
                default -> null;
            };
        }
    }

    /** The rule for one element: a policy, or a child element of one. */
    public static final class ElementRule {
        final String name;
        final Set<String> sections;
        final Set<String> scopes;
        final List<String> required = new ArrayList<>();
        final List<List<String>> oneOf = new ArrayList<>();
        final List<List<String>> coRequired = new ArrayList<>();
        final Map<String, AttributeType> attributes = new LinkedHashMap<>();
        final Map<String, JsonNode> childSpecs = new LinkedHashMap<>();
        final Map<String, Integer> childMin = new HashMap<>();
        final Map<String, Integer> childMax = new HashMap<>();
        final Map<String, List<String>> childRequired = new HashMap<>();
        boolean anyContent;
        boolean text;
        /** Its children are policies of the enclosing section (retry, when, ...). */
        boolean policies;
        String once;
        /** What backs the occurrence limit: enforced by APIM (deploy-rejection or runtime), or documented only. */
        RuleEvidence.Entry onceBacking;
        /** Required attributes that APIM accepts a policy without, with the evidence. */
        final Map<String, String> acceptedWithout = new LinkedHashMap<>();

        /** Whether breaking the occurrence limit is an error (APIM enforces it) rather than a warning. */
        public boolean onceEnforced() {
            return onceBacking == null || onceBacking.kind() != RuleEvidence.Kind.DOCUMENTED;
        }

        /** The evidence for the occurrence limit, or null. */
        public String onceEvidence() {
            return onceBacking == null ? null : onceBacking.evidence();
        }

        /** Required attributes APIM accepts the policy without, with the evidence. */
        public Map<String, String> acceptedWithout() {
            return acceptedWithout;
        }

        ElementRule(String name, Set<String> sections, Set<String> scopes) {
            this.name = name;
            this.sections = sections;
            this.scopes = scopes;
        }

        public String name() {
            return name;
        }

        /** Attributes APIM knows on this element, for hints. */
        public Set<String> attributeNames() {
            return attributes.keySet();
        }
    }

    /** Every policy name, for hints. */
    public Set<String> policyNames() {
        return policies.keySet();
    }

    private static volatile PolicyRules standard;
    private final Map<String, ElementRule> policies = new HashMap<>();
    private final Map<String, ElementRule> children = new java.util.concurrent.ConcurrentHashMap<>();

    /** The rules bundled with the project. */
    public static PolicyRules standard() {
        if (standard == null) {
            ObjectMapper json = new ObjectMapper();
            try (InputStream ref = PolicyRules.class.getResourceAsStream("apim-policies.json");
                    InputStream ours = PolicyRules.class.getResourceAsStream("apim-policy-rules.json")) {
                standard = new PolicyRules(json.readTree(ref), json.readTree(ours).get("policies"));
            } catch (IOException e) {
                throw new IllegalStateException("cannot read the bundled policy rules", e);
            }
        }
        return standard;
    }

    private PolicyRules(JsonNode reference, JsonNode catalogue) {
        for (JsonNode p : reference) {
            String name = p.get("name").asText();
            JsonNode spec = catalogue.get(name);
            if (spec == null) {
                throw new IllegalStateException("apim-policy-rules.json has no entry for " + name);
            }
            Set<String> sections = new java.util.HashSet<>(strings(p.path("sections")));
            sections.addAll(strings(spec.path("sectionsAlso")));
            ElementRule rule = new ElementRule(name, Set.copyOf(sections), Set.copyOf(strings(p.path("scopes"))));
            rule.required.addAll(strings(p.path("required_attributes")));
            p.path("one_of_required").forEach(g -> rule.oneOf.add(strings(g)));
            p.path("co_required").forEach(g -> rule.coRequired.add(strings(g)));
            p.path("child_elements").fields().forEachRemaining(e -> {
                for (String child : e.getKey().split("\\|")) {
                    JsonNode c = e.getValue();
                    if (c.has("min") && !e.getKey().contains("|")) {
                        rule.childMin.put(child, c.get("min").asInt());
                    }
                    if (c.has("max")) {
                        rule.childMax.put(child, c.get("max").asInt());
                    }
                    rule.childRequired.put(child, strings(c.path("required_attributes")));
                }
            });
            describe(rule, spec);
            policies.put(name, rule);
        }
    }

    private static void describe(ElementRule rule, JsonNode spec) {
        rule.anyContent = spec.path("children").isTextual() && spec.get("children").asText().equals("any");
        spec.path("attributes").fields().forEachRemaining(a -> rule.attributes.put(a.getKey(), AttributeType.parse(a.getValue().asText())));
        if (spec.path("children").isObject()) {
            spec.get("children").fields().forEachRemaining(c -> rule.childSpecs.put(c.getKey(), c.getValue()));
        }
        rule.text = spec.path("text").asBoolean(false);
        rule.policies = spec.path("policies").asBoolean(false);
        rule.once = spec.path("once").isMissingNode() ? null : spec.get("once").asText();
        if (spec.has("onceEvidence")) {
            rule.onceBacking = RuleEvidence.entry(spec.get("onceEvidence"));
        }
        spec.path("acceptedWithout").fields().forEachRemaining(e -> rule.acceptedWithout.put(e.getKey(), e.getValue().asText()));
    }

    /** The rule of a policy element, or null when APIM has no such policy. */
    public ElementRule policy(String name) {
        return policies.get(name);
    }

    /** The rule of {@code child} inside {@code parent}, or null when it may not appear there. */
    public ElementRule child(ElementRule parent, String child) {
        JsonNode spec = parent.childSpecs.get(child);
        if (spec == null) {
            return null;
        }
        if (spec.isTextual() && spec.asText().equals("policy")) {
            return policies.get(child);
        }
        return children.computeIfAbsent(parent.name + "/" + child, k -> {
            ElementRule rule = new ElementRule(child, Set.of(), Set.of());
            describe(rule, spec);
            rule.required.addAll(parent.childRequired.getOrDefault(child, List.of()));
            return rule;
        });
    }

    /**
     * The rule of an element where it stands in a document: a policy, or a child element of the
     * policy around it (such as send-request's set-header). Null when APIM knows no such element.
     */
    public ElementRule ruleFor(PolicyNode n) {
        PolicyNode parent = n.parent();
        if (parent != null) {
            ElementRule parentRule = ruleFor(parent);
            if (parentRule != null && !parentRule.policies && parentRule.childSpecs.containsKey(n.name())) {
                return child(parentRule, n.name());
            }
        }
        return policy(n.name());
    }

    /** The declared type of an attribute of the element, or null when none is declared. */
    public AttributeType attributeType(PolicyNode element, String attribute) {
        ElementRule rule = ruleFor(element);
        return rule == null ? null : rule.attributes.get(attribute);
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
