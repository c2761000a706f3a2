package dev.aigateway.lint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aigateway.lint.PolicyLinter.References;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Breaks the corpus files in the ways people break policies and counts how many broken variants the
 * linter catches. A variant is caught when it has an error the original does not have. Every
 * operator only makes variants APIM would reject (or that fail at run time, for the retry body).
 */
class MutationTest {
    private static final PolicyLinter LINTER = PolicyLinter.standard();
    private static final PolicyRules RULES = PolicyRules.standard();
    private int byIntendedRule;

    record Mutant(String file, String operator, String text) {}

    /** The rule each operator's mistake belongs to. */
    private static final Map<String, String> INTENDED = Map.of("drop-required-attribute", "required-attribute", "wrong-section", "section",
            "rename-element", "unknown-element", "duplicate-once-only", "once", "remove-base", "base-missing",
            "forward-request-outside-backend", "section", "include-in-fragment", "fragment-nested", "break-parentheses", "syntax",
            "unbuffered-retry", "retry-buffer");

    @Test
    void theLinterCatchesAtLeast95PercentOfBrokenVariants() throws IOException {
        List<Mutant> mutants = new ArrayList<>();
        Map<String, String> originals = new TreeMap<>();
        for (Path file : CorpusFiles.list().toList()) {
            String text = Files.readString(file);
            String name = file.getFileName().toString();
            originals.put(name, text);
            ParsedPolicy parsed = PolicyParser.parse(name, text);
            mutate(name, parsed, mutants::add);
        }
        Map<String, int[]> perOperator = new TreeMap<>();
        byIntendedRule = 0;
        List<Mutant> missed = new ArrayList<>();
        for (Mutant m : mutants) {
            String original = originals.get(m.file());
            Set<String> before = errors(m.file(), original);
            Set<String> after = errors(m.file(), m.text());
            after.removeAll(before);
            int[] counts = perOperator.computeIfAbsent(m.operator(), k -> new int[3]);
            counts[0]++;
            if (!after.isEmpty()) {
                counts[1]++;
                if (after.stream().anyMatch(e -> e.startsWith(INTENDED.get(m.operator()) + " "))) {
                    counts[2]++;
                    byIntendedRule++;
                }
            } else {
                missed.add(m);
            }
        }
        int caught = mutants.size() - missed.size();
        double rate = 100.0 * caught / mutants.size();
        StringBuilder report = new StringBuilder(String.format("mutants %d, caught %d (%.1f%%), by the intended rule %d (%.1f%%)%n",
                mutants.size(), caught, rate, byIntendedRule, 100.0 * byIntendedRule / mutants.size()));
        report.append(String.format("  %-32s %7s %6s %8s%n", "operator", "mutants", "caught", "intended"));
        perOperator.forEach((op, c) -> report.append(String.format("  %-32s %7d %6d %8d%n", op, c[0], c[1], c[2])));
        missed.forEach(m -> report.append("  missed: ").append(m.operator()).append(" in ").append(m.file()).append('\n'));
        System.out.print(report);
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target/mutation-report.txt"), report);

        assertThat(mutants).hasSizeGreaterThanOrEqualTo(200);
        // duplicate-once-only makes no mutant when the corpus holds no policy whose limit APIM enforces (cors).
        assertThat(INTENDED).containsKeys(perOperator.keySet().toArray(String[]::new));
        assertThat(perOperator).containsKeys("drop-required-attribute", "wrong-section", "rename-element",
                "remove-base", "forward-request-outside-backend", "include-in-fragment", "break-parentheses", "unbuffered-retry");
        assertThat(rate).as(report.toString()).isGreaterThanOrEqualTo(95.0);
    }

    /**
     * The findings that flag a broken variant, by rule, element and message (not position:
     * mutations move text): errors, and the warnings of rules whose data makes them warnings (a
     * missing base is valid APIM that misbehaves, so it is flagged as a warning). A limit the
     * reference documents but APIM does not enforce flags nothing: its mutants are not made.
     */
    private static Set<String> errors(String name, String text) {
        Set<String> out = new HashSet<>();
        for (Finding f : LINTER.lint(name, text, CorpusLintTest.optionsFor(Path.of(name), text), References.none())) {
            RuleEvidence.Entry rule = RuleEvidence.standard().of(f.rule());
            if (f.isError() || rule != null && rule.severity() == Finding.Severity.WARNING) {
                out.add(f.rule() + " " + f.element() + " " + f.message());
            }
        }
        return out;
    }

    static void mutate(String file, ParsedPolicy doc, Consumer<Mutant> out) {
        String text = doc.text();
        boolean fragment = doc.root().name().equals("fragment");
        List<PolicyNode> all = new ArrayList<>();
        collect(doc.root(), all);
        for (PolicyNode n : all) {
            PolicyRules.ElementRule rule = RULES.policy(n.name());
            boolean isPolicy = rule != null && isPolicyPosition(n);
            if (isPolicy) {
                // Drop each required attribute that is present (and that APIM does require).
                for (String attr : rule.required) {
                    if (rule.acceptedWithout().containsKey(attr)) {
                        continue;
                    }
                    PolicyNode.Attribute a = n.attributes().get(attr);
                    if (a != null) {
                        int end = a.valueStart() + a.value().length() + 1;
                        out.accept(new Mutant(file, "drop-required-attribute", text.substring(0, a.offset()) + text.substring(end)));
                    }
                }
                // Rename the element (start and end tag).
                if (!n.name().equals("base")) {
                    String renamed = n.name().substring(0, n.name().length() - 1);
                    out.accept(new Mutant(file, "rename-element", rename(text, n, renamed)));
                }
                // Duplicate a policy that may appear once per section or document, where APIM enforces it.
                if (rule.once != null && rule.onceEnforced()) {
                    String element = text.substring(n.offset(), n.end());
                    out.accept(new Mutant(file, "duplicate-once-only", text.substring(0, n.end()) + element + text.substring(n.end())));
                }
                // Move the policy to a section that does not allow it.
                if (!fragment && n.parent() != null && n.parent().parent() == doc.root()) {
                    for (PolicyNode section : doc.root().children()) {
                        if (section != n.parent() && !rule.sections.contains(section.name()) && !n.name().equals("base")) {
                            String element = text.substring(n.offset(), n.end());
                            String without = text.substring(0, n.offset()) + text.substring(n.end());
                            int at = section.offset() > n.offset() ? section.offset() - element.length() : section.offset();
                            int insert = without.indexOf('>', at) + 1;
                            out.accept(new Mutant(file, "wrong-section", without.substring(0, insert) + element + without.substring(insert)));
                            break;
                        }
                    }
                }
            }
            // Remove <base/> from a section of an API or product policy.
            if (n.name().equals("base") && !fragment && n.parent() != null && n.parent().parent() == doc.root()
                    && (!n.parent().name().equals("backend") || !forwardsItself(n.parent()))) {
                out.accept(new Mutant(file, "remove-base", text.substring(0, n.offset()) + text.substring(n.end())));
            }
            // A retry around forward-request that no longer buffers the body.
            if (n.name().equals("forward-request") && "true".equals(n.attribute("buffer-request-body")) && insideRetry(n)) {
                PolicyNode.Attribute a = n.attributes().get("buffer-request-body");
                out.accept(new Mutant(file, "unbuffered-retry", text.substring(0, a.offset()) + text.substring(a.valueStart() + a.value().length() + 1)));
            }
        }
        for (PolicyNode section : doc.root().children()) {
            if (!fragment && !section.name().equals("backend")) {
                int insert = text.indexOf('>', section.offset()) + 1;
                out.accept(new Mutant(file, "forward-request-outside-backend", text.substring(0, insert) + "<forward-request />" + text.substring(insert)));
            }
        }
        if (fragment) {
            int insert = text.indexOf('>', doc.root().offset()) + 1;
            out.accept(new Mutant(file, "include-in-fragment", text.substring(0, insert) + "<include-fragment fragment-id=\"other\" />" + text.substring(insert)));
        }
        // Break each expression's brackets: drop its closing bracket, or open one more.
        int i = 0;
        for (ParsedPolicy.Expression e : doc.expressions()) {
            String broken = (i++ % 2 == 0)
                    ? text.substring(0, e.end() - 1) + text.substring(e.end())
                    : text.substring(0, e.start() + 2) + "(" + text.substring(e.start() + 2);
            out.accept(new Mutant(file, "break-parentheses", broken));
        }
    }

    private static String rename(String text, PolicyNode n, String to) {
        int nameEnd = n.offset() + 1 + n.name().length();
        String closing = "</" + n.name() + ">";
        boolean selfClosing = text.substring(n.offset(), n.end()).endsWith("/>");
        if (selfClosing) {
            return text.substring(0, n.offset() + 1) + to + text.substring(nameEnd);
        }
        int closeAt = n.end() - closing.length();
        return text.substring(0, n.offset() + 1) + to + text.substring(nameEnd, closeAt) + "</" + to + ">" + text.substring(n.end());
    }

    private static boolean isPolicyPosition(PolicyNode n) {
        PolicyNode p = n.parent();
        if (p == null) {
            return false;
        }
        if (p.parent() == null) {
            return p.name().equals("fragment");
        }
        if (p.parent().parent() == null && PolicyLinter.SECTIONS.contains(p.name())) {
            return true;
        }
        PolicyRules.ElementRule parentRule = RULES.policy(p.name());
        if (parentRule != null && parentRule.policies && isPolicyPosition(p)) {
            return true;
        }
        return (p.name().equals("when") || p.name().equals("otherwise")) && p.parent().name().equals("choose") && isPolicyPosition(p.parent());
    }

    private static boolean insideRetry(PolicyNode n) {
        for (PolicyNode p = n.parent(); p != null; p = p.parent()) {
            if (p.name().equals("retry")) {
                return true;
            }
        }
        return false;
    }

    private static boolean forwardsItself(PolicyNode section) {
        List<PolicyNode> all = new ArrayList<>();
        collect(section, all);
        return all.stream().anyMatch(x -> x.name().equals("forward-request") || x.name().equals("include-fragment"));
    }

    private static void collect(PolicyNode n, List<PolicyNode> out) {
        out.add(n);
        n.children().forEach(c -> collect(c, out));
    }
}
