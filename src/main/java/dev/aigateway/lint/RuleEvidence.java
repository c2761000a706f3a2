package dev.aigateway.lint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aigateway.lint.Finding.Severity;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Why each linter rule exists and how much it weighs ({@code lint-rules.json}): a rule is an error
 * only with evidence that APIM refuses such a policy or that requests then fail; a rule that only
 * a reference page states is a warning.
 */
public final class RuleEvidence {
    /** What backs a rule. */
    public enum Kind { DEPLOY_REJECTION, RUNTIME, DOCUMENTED }

    /** One rule's weight and its evidence. */
    public record Entry(Severity severity, Kind kind, String evidence) {}

    private static volatile RuleEvidence standard;
    private final Map<String, Entry> rules;

    private RuleEvidence(Map<String, Entry> rules) {
        this.rules = Map.copyOf(rules);
    }

    public static RuleEvidence standard() {
        if (standard == null) {
            try (InputStream in = RuleEvidence.class.getResourceAsStream("lint-rules.json")) {
                Map<String, Entry> out = new LinkedHashMap<>();
                new ObjectMapper().readTree(in).get("rules").fields().forEachRemaining(e -> out.put(e.getKey(), entry(e.getValue())));
                standard = new RuleEvidence(out);
            } catch (IOException e) {
                throw new IllegalStateException("cannot read the bundled lint rules", e);
            }
        }
        return standard;
    }

    /** An entry as the data files write it: {severity, kind, evidence}. */
    static Entry entry(JsonNode n) {
        return new Entry(Severity.valueOf(n.path("severity").asText("error").toUpperCase(java.util.Locale.ROOT)),
                Kind.valueOf(n.path("kind").asText().toUpperCase(java.util.Locale.ROOT).replace('-', '_')), n.path("evidence").asText());
    }

    /** The rule's entry, or null when the data has none. */
    public Entry of(String rule) {
        return rules.get(rule);
    }

    public Map<String, Entry> all() {
        return rules;
    }

    /** The severity a finding of {@code rule} gets: the data can lower what the code asks for, never raise it. */
    Severity severity(String rule, Severity asked) {
        Entry e = rules.get(rule);
        return e != null && e.severity() == Severity.WARNING ? Severity.WARNING : asked;
    }
}
