package dev.aigateway.baseline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The security baseline, checked on a plan: each rule of {@code baseline-rules.json} reads the
 * planned inputs of one kind of resource and gives a verdict. The plan is read as its JSON tree, so
 * this package depends on nothing of the project but the contract.
 */
public final class Baseline {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<Rule> RULES = load();

    private Baseline() {}

    public enum Status { PASS, FAIL, NOT_APPLICABLE, CANNOT_TELL }

    /** One resource breaking a rule: which, the input read, and what it holds. */
    public record Failure(String resource, String input, String got) {}

    /** A rule's verdict on the whole plan; {@code reason} says why it does not apply or cannot be told. */
    public record Verdict(String rule, List<String> aliases, String title, String source, Status status, String reason,
            List<Failure> failures) {}

    /** A planned resource as the rules see it: ARM template resources appear as {@code arm:<type>}. */
    record Resource(String type, String name, JsonNode inputs) {}

    record Rule(String id, List<String> aliases, String source, String title, List<String> types, List<JsonNode> when, String whenNot,
            List<JsonNode> require, String absent, String cannotTell) {}

    /** Every rule's verdict, in the rules' order. */
    public static List<Verdict> evaluate(JsonNode plan) {
        List<Resource> resources = resources(plan);
        List<Verdict> verdicts = new ArrayList<>();
        for (Rule rule : RULES) {
            verdicts.add(verdict(rule, resources));
        }
        return verdicts;
    }

    /** The number of rules, for the README and tests. */
    public static int ruleCount() {
        return RULES.size();
    }

    private static Verdict verdict(Rule rule, List<Resource> resources) {
        List<Resource> mine = resources.stream().filter(r -> rule.types().contains(r.type())).toList();
        if (mine.isEmpty()) {
            return new Verdict(rule.id(), rule.aliases(), rule.title(), rule.source(), Status.NOT_APPLICABLE,
                    rule.absent() != null ? rule.absent() : "the plan has no " + String.join(" or ", rule.types()), List.of());
        }
        List<Resource> applicable = mine.stream().filter(r -> rule.when().stream().allMatch(p -> Predicates.holds(p, r, resources).ok())).toList();
        if (applicable.isEmpty()) {
            return new Verdict(rule.id(), rule.aliases(), rule.title(), rule.source(), Status.NOT_APPLICABLE, rule.whenNot(), List.of());
        }
        if (rule.cannotTell() != null) {
            return new Verdict(rule.id(), rule.aliases(), rule.title(), rule.source(), Status.CANNOT_TELL, rule.cannotTell(), List.of());
        }
        List<Failure> failures = new ArrayList<>();
        for (Resource r : applicable) {
            for (JsonNode p : rule.require()) {
                Predicates.Result result = Predicates.holds(p, r, resources);
                if (!result.ok()) {
                    failures.add(new Failure(r.type() + " " + r.name(), result.input(), result.got()));
                }
            }
        }
        return new Verdict(rule.id(), rule.aliases(), rule.title(), rule.source(), failures.isEmpty() ? Status.PASS : Status.FAIL, null,
                List.copyOf(failures));
    }

    private static final Pattern TEMPLATE_NAME = Pattern.compile("^[^/]+/");

    static List<Resource> resources(JsonNode plan) {
        List<Resource> out = new ArrayList<>();
        for (JsonNode r : plan.path("resources")) {
            String type = r.path("type").asText();
            JsonNode inputs = r.path("inputs");
            out.add(new Resource(type, r.path("name").asText(), inputs));
            if (type.equals("azure-native:resources:Deployment")) {
                for (JsonNode t : inputs.path("properties").path("template").path("resources")) {
                    out.add(new Resource("arm:" + t.path("type").asText(), t.path("name").asText(), t));
                }
            }
        }
        return out;
    }

    private static List<Rule> load() {
        try (InputStream in = Baseline.class.getResourceAsStream("baseline-rules.json")) {
            JsonNode root = JSON.readTree(in);
            List<Rule> rules = new ArrayList<>();
            for (JsonNode r : root.path("rules")) {
                rules.add(new Rule(r.path("id").asText(), strings(r.path("aliases")), r.path("source").asText(), r.path("title").asText(),
                        strings(r.path("type")), list(r.path("when")), text(r, "whenNot"), list(r.path("require")), text(r, "absent"),
                        text(r, "cannotTell")));
            }
            return List.copyOf(rules);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String text(JsonNode r, String field) {
        return r.hasNonNull(field) ? r.get(field).asText() : null;
    }

    private static List<String> strings(JsonNode node) {
        List<String> out = new ArrayList<>();
        if (node.isTextual()) {
            out.add(node.asText());
        }
        node.forEach(n -> out.add(n.asText()));
        return List.copyOf(out);
    }

    private static List<JsonNode> list(JsonNode node) {
        List<JsonNode> out = new ArrayList<>();
        node.forEach(out::add);
        return List.copyOf(out);
    }

    /** The verdicts as the plan JSON carries them. */
    public static JsonNode toTree(List<Verdict> verdicts) {
        ObjectNode root = JSON.createObjectNode();
        int[] counts = new int[Status.values().length];
        verdicts.forEach(v -> counts[v.status().ordinal()]++);
        ObjectNode summary = root.putObject("summary");
        for (Status s : Status.values()) {
            summary.put(s.name().toLowerCase(java.util.Locale.ROOT), counts[s.ordinal()]);
        }
        var rules = root.putArray("rules");
        for (Verdict v : verdicts) {
            ObjectNode n = rules.addObject();
            n.put("id", v.rule());
            n.put("status", v.status().name().toLowerCase(java.util.Locale.ROOT));
            if (v.reason() != null) {
                n.put("reason", v.reason());
            }
            if (!v.failures().isEmpty()) {
                var f = n.putArray("failures");
                v.failures().forEach(x -> f.addObject().put("resource", x.resource()).put("input", x.input()).put("got", x.got()));
            }
        }
        return root;
    }
}
