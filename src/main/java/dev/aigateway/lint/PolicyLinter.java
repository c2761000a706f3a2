package dev.aigateway.lint;

import dev.aigateway.lint.Finding.Severity;
import dev.aigateway.lint.Scope;
import dev.aigateway.lint.PolicyRules.AttributeType;
import dev.aigateway.lint.PolicyRules.ElementRule;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The offline APIM policy linter. It reads rawxml as APIM does (expressions understood), then checks
 * the document shape, each element against {@link PolicyRules}, occurrence limits, literal values,
 * size, references to other resources of the same plan, and the AI-gateway rules that APIM itself
 * does not enforce but production traffic does (retry bodies, streaming caches, model auth).
 */
public final class PolicyLinter {

    static final List<String> SECTIONS = List.of("inbound", "backend", "outbound", "on-error");
    /** A fragment's policies all land in the one section it is included in. */
    private static final String FRAGMENT = "(fragment)";
    private static final List<String> ONCE_SCOPES = List.of("inbound", "backend", "outbound", "on-error", FRAGMENT);
    private static final Set<String> SEMANTIC_CACHE = Set.of("azure-openai-semantic-cache-lookup", "azure-openai-semantic-cache-store",
            "llm-semantic-cache-lookup", "llm-semantic-cache-store");
    /** Hosts of Azure OpenAI / AI Foundry model endpoints. */
    private static final Pattern OPENAI_HOST = Pattern.compile(
            "(?i)https?://[^/\"]+\\.(openai\\.azure\\.com|cognitiveservices\\.azure\\.com|services\\.ai\\.azure\\.com)([/:].*)?");
    static final int MAX_POLICY_BYTES = 256 * 1024;
    static final int MAX_CONSUMPTION_POLICY_BYTES = 16 * 1024;
    static final int MAX_FRAGMENT_BYTES = 512 * 1024;

    /**
     * How to lint.
     *
     * @param scope                    where the document is attached; null when unknown (no scope or base rules)
     * @param unknownAttributeWarnings report unknown attributes as warnings instead of errors
     * @param consumption              apply the Consumption tier's 16 KiB document limit
     * @param root                     the root the document must have, or null for either
     */
    public record Options(Scope scope, boolean unknownAttributeWarnings, boolean consumption, String root) {
        public Options(Scope scope, boolean unknownAttributeWarnings, boolean consumption) {
            this(scope, unknownAttributeWarnings, consumption, null);
        }

        /** A policy document attached at {@code scope}. */
        public static Options at(Scope scope) {
            return new Options(scope, false, false, "policies");
        }

        /** A policy fragment. */
        public static Options fragment() {
            return new Options(null, false, false, "fragment");
        }
    }

    /**
     * What the rest of a plan defines. Null sets mean "not known": that reference is not checked.
     *
     * @param fragments      fragment id to its text; includes are checked in place
     * @param backends       backend ids
     * @param openAiBackends the backend ids that point at Azure OpenAI accounts
     * @param loggers        logger ids
     */
    public record References(Map<String, String> fragments, Set<String> backends, Set<String> openAiBackends, Set<String> loggers) {
        public static References fragmentsOnly(Map<String, String> fragments) {
            return new References(fragments, null, null, null);
        }

        public static References none() {
            return new References(null, null, null, null);
        }
    }

    private final PolicyRules rules;
    /** Included fragments are parsed once, however many documents include them. */
    private final Map<String, ParsedPolicy> fragmentCache = new ConcurrentHashMap<>();

    public PolicyLinter(PolicyRules rules) {
        this.rules = rules;
    }

    private static volatile PolicyLinter standard;

    public static PolicyLinter standard() {
        if (standard == null) {
            standard = new PolicyLinter(PolicyRules.standard());
        }
        return standard;
    }

    /** Lint one document (root {@code <policies>} or {@code <fragment>}). */
    public List<Finding> lint(String source, String text, Options options, References refs) {
        ParsedPolicy parsed;
        try {
            parsed = PolicyParser.parse(source, text);
        } catch (SyntaxException e) {
            int at = Math.max(0, e.offset());
            ParsedPolicy located = new ParsedPolicy(source, text, null, List.of());
            return List.of(new Finding(source, located.line(at), located.column(at), Severity.ERROR, "syntax", "document",
                    e.reason(), "APIM reads policies as XML whose expressions are balanced C#"));
        }
        return lint(parsed, options, refs);
    }

    /** Lint an already parsed document. */
    public List<Finding> lint(ParsedPolicy parsed, Options options, References refs) {
        Run run = new Run(parsed, options, refs == null ? References.none() : refs);
        run.document();
        run.findings.sort(Comparator.comparingInt(Finding::line).thenComparingInt(Finding::column));
        return run.findings;
    }

    /** An element as seen on one execution path: the elements above it, fragments' includes among them. */
    private record Occurrence(PolicyNode node, List<PolicyNode> trail, String section) {}

    private final class Run {
        final ParsedPolicy doc;
        final Options options;
        final References refs;
        final List<Finding> findings = new ArrayList<>();
        final List<Occurrence> occurrences = new ArrayList<>();
        /** Sections with an include whose fragment is not known here: it may forward the request. */
        final Set<String> opaqueIncludes = new HashSet<>();
        /** The include-fragment element each inlined element came through, for locating findings. */
        PolicyNode including;

        Run(ParsedPolicy doc, Options options, References refs) {
            this.doc = doc;
            this.options = options;
            this.refs = refs;
        }

        void document() {
            PolicyNode root = doc.root();
            if (options.root() != null && !options.root().equals(root.name())) {
                error(root, "root", "the root element must be <" + options.root() + ">, not <" + root.name() + ">", null);
                return;
            }
            int bytes = doc.text().getBytes(StandardCharsets.UTF_8).length;
            switch (root.name()) {
                case "policies" -> {
                    int limit = options.consumption() ? MAX_CONSUMPTION_POLICY_BYTES : MAX_POLICY_BYTES;
                    if (bytes > limit) {
                        error(root, "size", "the document is " + bytes + " bytes; APIM's limit is " + limit
                                + (options.consumption() ? " on the Consumption tier" : ""), "move shared parts into policy fragments");
                    }
                    sections(root);
                }
                case "fragment" -> {
                    if (bytes > MAX_FRAGMENT_BYTES) {
                        error(root, "size", "the fragment is " + bytes + " bytes; APIM's limit is " + MAX_FRAGMENT_BYTES, null);
                    }
                    noText(root, "a fragment holds only policy elements");
                    for (PolicyNode child : root.children()) {
                        if (SECTIONS.contains(child.name())) {
                            error(child, "fragment-sections", "a fragment cannot contain sections", "put its policies directly under <fragment>");
                            policies(child.children(), null, List.of(root, child), true);
                        } else {
                            policy(child, null, List.of(root), true);
                        }
                    }
                    occurrenceLimits();
                    aiGatewayRules(false);
                }
                default -> error(root, "root", "the root element must be <policies> (or <fragment> for a fragment), not <" + root.name() + ">", null);
            }
        }

        void sections(PolicyNode root) {
            noText(root, "<policies> holds only the sections");
            Set<String> seen = new HashSet<>();
            int last = -1;
            for (PolicyNode section : root.children()) {
                String s = section.name();
                int index = SECTIONS.indexOf(s);
                if (index < 0) {
                    error(section, "section-unknown", "<" + s + "> is not a policy section", "sections are " + String.join(", ", SECTIONS)
                            + suggestion(s, SECTIONS));
                    continue;
                }
                if (!seen.add(s)) {
                    error(section, "section-duplicate", "section <" + s + "> appears twice", "merge the two into one");
                } else if (index < last) {
                    warn(section, "section-order", "section <" + s + "> is out of order", "sections run inbound, backend, outbound, on-error");
                }
                last = Math.max(last, index);
                noText(section, "a section holds only policy elements");
                policies(section.children(), s, List.of(root, section), false);
                if (options.scope() != null && options.scope() != Scope.GLOBAL && !hasBase(section)) {
                    if (!s.equals("backend")) {
                        error(section, "base-missing", "section <" + s + "> has no <base/>, so the policies of the enclosing scope do not run",
                                "add <base /> where the enclosing scope's policies should run");
                    } else if (!forwards(section.name())) {
                        error(section, "base-missing", "section <backend> has neither <base/> nor forward-request, so requests are never forwarded",
                                "add <base /> or a forward-request");
                    }
                }
            }
            occurrenceLimits();
            aiGatewayRules(true);
        }

        boolean hasBase(PolicyNode section) {
            return section.children().stream().anyMatch(c -> c.name().equals("base"));
        }

        boolean forwards(String section) {
            return opaqueIncludes.contains(section) || occurrences.stream().anyMatch(o -> section.equals(o.section())
                    && (o.node().name().equals("forward-request") || o.node().name().equals("base")));
        }

        void policies(List<PolicyNode> nodes, String section, List<PolicyNode> trail, boolean inFragment) {
            for (PolicyNode n : nodes) {
                policy(n, section, trail, inFragment);
            }
        }

        void policy(PolicyNode n, String section, List<PolicyNode> trail, boolean inFragment) {
            String tag = n.name();
            ElementRule rule = rules.policy(tag);
            if (rule == null) {
                if (including == null) {
                    String near = suggestion(tag, rules.policyNames());
                    error(n, "unknown-element", "<" + tag + "> is not an APIM policy",
                            near.isEmpty() ? "see the APIM policy reference for the policy's name" : near.substring(2));
                }
                return;
            }
            List<PolicyNode> here = append(trail, n);
            occurrences.add(new Occurrence(n, here, section == null ? FRAGMENT : section));
            if (section != null && !rule.sections.contains(section)) {
                error(n, "section", "<" + tag + "> is not allowed in <" + section + ">", "allowed in " + String.join(", ", sorted(rule.sections)));
            }
            if (options.scope() != null && section != null && !tag.equals("base") && !rule.scopes.contains(options.scope().reference)) {
                error(n, "scope", "<" + tag + "> is not allowed at " + options.scope().name().toLowerCase(Locale.ROOT) + " scope",
                        "allowed at " + String.join(", ", sorted(rule.scopes)));
            }
            if (inFragment && including == null && (tag.equals("base") || tag.equals("include-fragment"))) {
                error(n, tag.equals("base") ? "fragment-base" : "fragment-nested", "a fragment cannot contain <" + tag + ">",
                        tag.equals("base") ? "only policy documents inherit" : "include both fragments from the policy document instead");
            }
            if (including == null) {
                attributes(n, rule);
            }
            if (tag.equals("include-fragment") && !inFragment) {
                include(n, section, here);
            }
            content(n, rule, section, here, inFragment);
        }

        void include(PolicyNode n, String section, List<PolicyNode> trail) {
            String id = n.attribute("fragment-id");
            if (id == null || refs.fragments() == null || n.attributes().get("fragment-id").expression()) {
                opaqueIncludes.add(section);
                return;
            }
            String text = refs.fragments().get(id);
            if (text == null) {
                if (including == null) {
                    error(n, "reference", "fragment '" + id + "' is not defined", "define the fragment in the same deployment");
                }
                return;
            }
            ParsedPolicy fragment;
            if (fragmentCache.size() > 256) {
                fragmentCache.clear(); // keyed by text: bounded for long-lived processes
            }
            try {
                fragment = fragmentCache.computeIfAbsent(text, t -> PolicyParser.parse(id, t));
            } catch (SyntaxException e) {
                return; // reported where the fragment itself is linted
            }
            PolicyNode outer = including;
            including = outer == null ? n : outer;
            policies(fragment.root().children(), section, trail, false);
            including = outer;
        }

        void attributes(PolicyNode n, ElementRule rule) {
            for (String attr : rule.required) {
                if (!n.has(attr)) {
                    String accepted = rule.acceptedWithout.get(attr);
                    if (accepted != null) {
                        warn(n, "required-attribute", "attribute '" + attr + "' is documented as required, but APIM accepts <" + n.name()
                                + "> without it (" + accepted + ")", "add it to follow the reference");
                    } else {
                        error(n, "required-attribute", "attribute '" + attr + "' is required", null);
                    }
                }
            }
            for (List<String> group : rule.oneOf) {
                if (group.stream().noneMatch(n::has)) {
                    error(n, "one-of", "one of the attributes " + String.join(", ", group) + " is required", null);
                }
            }
            for (List<String> group : rule.coRequired) {
                if (n.has(group.get(0))) {
                    for (String other : group.subList(1, group.size())) {
                        if (!n.has(other)) {
                            error(n, "co-required", "attribute '" + other + "' is required with '" + group.get(0) + "'", null);
                        }
                    }
                }
            }
            if (rule.anyContent && rule.attributes.isEmpty()) {
                return;
            }
            for (PolicyNode.Attribute a : n.attributes().values()) {
                AttributeType type = rule.attributes.get(a.name());
                if (type == null) {
                    Finding f = finding(a.offset(), n, options.unknownAttributeWarnings() ? Severity.WARNING : Severity.ERROR, "unknown-attribute",
                            "<" + n.name() + "> has no attribute '" + a.name() + "'", rule.attributes.isEmpty() ? "it takes no attributes"
                                    : "known: " + String.join(", ", rule.attributes.keySet()) + suggestion(a.name(), rule.attributes.keySet()));
                    findings.add(f);
                } else if (a.expression()) {
                    if (type.literal()) {
                        errorAt(a.offset(), n, "value", "attribute '" + a.name() + "' does not allow policy expressions", "write a literal value");
                    }
                } else if (a.value().contains("@(") || a.value().contains("@{")) {
                    errorAt(a.valueStart(), n, "whole-expression", "attribute '" + a.name() + "' mixes text and an expression; an expression must be the whole value",
                            "build the whole string inside one @(...)");
                } else {
                    String must = type.reject(a.value());
                    if (must != null) {
                        errorAt(a.valueStart(), n, "value", "attribute '" + a.name() + "' must be " + must + " (got '" + a.value() + "')", null);
                    }
                }
            }
        }

        void content(PolicyNode n, ElementRule rule, String section, List<PolicyNode> trail, boolean inFragment) {
            if (rule.anyContent) {
                return;
            }
            if (including == null) {
                if (!rule.text) {
                    noText(n, "<" + n.name() + "> cannot contain text");
                } else if (n.text().size() > 1 && n.text().stream().anyMatch(PolicyNode.Text::expression)) {
                    PolicyNode.Text t = n.text().get(0);
                    errorAt(t.offset(), n, "whole-expression", "<" + n.name() + "> mixes text and an expression; an expression must be the whole value",
                            "build the whole text inside one @(...)");
                }
            }
            Map<String, Integer> counts = new HashMap<>();
            for (PolicyNode child : n.children()) {
                counts.merge(child.name(), 1, Integer::sum);
                if (rule.policies) {
                    policy(child, section, trail, inFragment);
                    continue;
                }
                ElementRule childRule = rules.child(rule, child.name());
                if (childRule == null) {
                    if (including == null) {
                        error(child, "unknown-element", "<" + child.name() + "> is not allowed inside <" + n.name() + ">",
                                rule.childSpecs.isEmpty() ? "<" + n.name() + "> has no child elements"
                                        : "allowed: " + String.join(", ", rule.childSpecs.keySet()) + suggestion(child.name(), rule.childSpecs.keySet()));
                    }
                    continue;
                }
                List<PolicyNode> childTrail = append(trail, child);
                occurrences.add(new Occurrence(child, childTrail, section == null ? FRAGMENT : section));
                if (including == null) {
                    attributes(child, childRule);
                }
                content(child, childRule, section, childTrail, inFragment);
            }
            // An element holding stray text (often an unfilled template placeholder) is reported for that alone.
            if (including == null && (rule.text || n.text().isEmpty())) {
                rule.childMin.forEach((c, min) -> {
                    if (counts.getOrDefault(c, 0) < min) {
                        error(n, "child-count", "<" + n.name() + "> needs at least " + min + " <" + c + ">", null);
                    }
                });
                rule.childMax.forEach((c, max) -> {
                    if (counts.getOrDefault(c, 0) > max) {
                        error(n, "child-count", "<" + n.name() + "> allows at most " + max + " <" + c + ">", null);
                    }
                });
            }
        }

        /** Occurrence limits, counted along one execution path: a choose runs one branch. */
        void occurrenceLimits() {
            Map<String, Integer> perDocument = new HashMap<>();
            for (String section : ONCE_SCOPES) {
                Map<String, Integer> perSection = new HashMap<>();
                for (Occurrence o : occurrences) {
                    if (section.equals(o.section()) && o.trail().size() >= 2) {
                        String name = o.node().name();
                        ElementRule rule = rules.policy(name);
                        if (rule != null && rule.once != null && !perSection.containsKey(name)) {
                            perSection.put(name, pathMax(name, section));
                        }
                    }
                }
                perSection.forEach((name, count) -> {
                    ElementRule rule = rules.policy(name);
                    if (rule.once.equals("section") && count > 1) {
                        once(rule, secondOccurrence(name, section), "<" + name + "> may appear once per section; "
                                + (section.equals(FRAGMENT) ? "this fragment" : "<" + section + ">") + " runs it " + count + " times");
                    }
                    perDocument.merge(name, count, Integer::sum);
                });
            }
            perDocument.forEach((name, count) -> {
                ElementRule rule = rules.policy(name);
                if (rule.once.equals("document") && count > 1) {
                    once(rule, secondOccurrence(name, null), "<" + name + "> may appear once per policy document; this one runs it " + count + " times");
                }
            });
        }

        /** An occurrence limit broken: an error with evidence that APIM enforces it, else a warning that says it is documented only. */
        void once(ElementRule rule, PolicyNode at, String message) {
            if (rule.onceEnforced()) {
                error(at, "once", message, "keep one; a choose may hold one per branch");
            } else {
                warn(at, "once", message.replace(" may appear ", " is documented to appear ") + "; APIM accepts more (" + rule.onceEvidence()
                        + ")", "keep one to follow the reference");
            }
        }

        /** The largest number of {@code name} elements one request can meet in {@code section}. */
        int pathMax(String name, String section) {
            List<List<PolicyNode>> trails = new ArrayList<>();
            for (Occurrence o : occurrences) {
                if (section.equals(o.section()) && o.node().name().equals(name)) {
                    trails.add(o.trail());
                }
            }
            // Greedy: the largest set of pairwise non-exclusive occurrences.
            int best = 0;
            for (int i = 0; i < trails.size(); i++) {
                List<List<PolicyNode>> together = new ArrayList<>();
                together.add(trails.get(i));
                for (int j = 0; j < trails.size(); j++) {
                    List<PolicyNode> candidate = trails.get(j);
                    if (j != i && together.stream().noneMatch(t -> exclusive(t, candidate))) {
                        together.add(trails.get(j));
                    }
                }
                best = Math.max(best, together.size());
            }
            return best;
        }

        PolicyNode secondOccurrence(String name, String section) {
            int seen = 0;
            for (Occurrence o : occurrences) {
                if (o.node().name().equals(name) && (section == null || section.equals(o.section())) && ++seen == 2) {
                    return o.node();
                }
            }
            return doc.root();
        }

        /**
         * The rules APIM does not enforce but production AI traffic needs. Model authentication is
         * judged on whole documents: a fragment may leave it to another fragment.
         */
        void aiGatewayRules(boolean wholeDocument) {
            List<Occurrence> forwards = named("forward-request");
            for (Occurrence f : forwards) {
                boolean inRetry = f.trail().stream().anyMatch(p -> p.name().equals("retry"));
                PolicyNode.Attribute buffer = f.node().attributes().get("buffer-request-body");
                boolean buffered = buffer != null && (buffer.expression() || buffer.value().trim().equalsIgnoreCase("true"));
                if (inRetry && !buffered) {
                    error(f.node(), "retry-buffer", "forward-request inside retry does not buffer the request body, so a retry sends an empty body",
                            "set buffer-request-body=\"true\"");
                }
            }
            List<Occurrence> streaming = forwards.stream().filter(f -> "false".equalsIgnoreCase(trimmed(f.node().attribute("buffer-response")))).toList();
            for (Occurrence c : occurrences) {
                if (SEMANTIC_CACHE.contains(c.node().name()) && streaming.stream().anyMatch(s -> !exclusive(s.trail(), c.trail()))) {
                    error(c.node(), "streaming-cache", "<" + c.node().name() + "> runs on a streaming path (forward-request buffer-response=\"false\")",
                            "streamed responses cannot be cached; put the cache in the branch that buffers");
                }
            }
            // A token a send-request attaches to its own request does not authenticate the forwarded one.
            boolean authenticates = named("authentication-managed-identity").stream()
                    .anyMatch(o -> o.trail().stream().noneMatch(p -> p.name().equals("send-request")));
            if (wholeDocument && !authenticates) {
                for (Occurrence b : named("set-backend-service")) {
                    if (callsOpenAi(b.node())) {
                        error(b.node(), "openai-auth", "an Azure OpenAI backend is called without authentication-managed-identity",
                                "add <authentication-managed-identity resource=\"https://cognitiveservices.azure.com\" /> in inbound");
                    }
                }
            }
            if (including == null) {
                references();
            }
        }

        boolean callsOpenAi(PolicyNode setBackend) {
            String baseUrl = setBackend.attribute("base-url");
            if (isOpenAiUrl(baseUrl)) {
                return true;
            }
            PolicyNode.Attribute id = setBackend.attributes().get("backend-id");
            if (id == null || refs.openAiBackends() == null) {
                return false;
            }
            if (!id.expression()) {
                return refs.openAiBackends().contains(id.value());
            }
            // A computed id: it calls an OpenAI backend when the document names one.
            return refs.openAiBackends().stream().anyMatch(b -> doc.text().contains(b) || fragmentTexts().contains(b));
        }

        String fragmentTexts() {
            return refs.fragments() == null ? "" : String.join("\n", refs.fragments().values());
        }

        /** Ids that must name resources of the same plan. */
        void references() {
            for (Occurrence o : occurrences) {
                PolicyNode n = o.node();
                if (o.trail().stream().anyMatch(p -> p.name().equals("include-fragment") && p != n)) {
                    continue;
                }
                switch (n.name()) {
                    case "set-backend-service", "llm-content-safety" -> reference(n, "backend-id", refs.backends(), "backend");
                    case "azure-openai-semantic-cache-lookup", "llm-semantic-cache-lookup" ->
                            reference(n, "embeddings-backend-id", refs.backends(), "backend");
                    case "log-to-eventhub" -> reference(n, "logger-id", refs.loggers(), "logger");
                    default -> { }
                }
            }
        }

        void reference(PolicyNode n, String attr, Set<String> known, String what) {
            PolicyNode.Attribute a = n.attributes().get(attr);
            if (known == null || a == null || a.expression() || a.value().contains("{{") || known.contains(a.value())) {
                return;
            }
            errorAt(a.valueStart(), n, "reference", what + " '" + a.value() + "' is not defined in this deployment",
                    known.isEmpty() ? "define the " + what + " first" : "known: " + String.join(", ", sorted(known)));
        }

        List<Occurrence> named(String name) {
            return occurrences.stream().filter(o -> o.node().name().equals(name)).toList();
        }

        void noText(PolicyNode n, String message) {
            if (including == null && !n.text().isEmpty()) {
                errorAt(n.text().get(0).offset(), n, "text", message, null);
            }
        }

        void error(PolicyNode n, String rule, String message, String hint) {
            findings.add(finding(n.offset(), n, Severity.ERROR, rule, message, hint));
        }

        void warn(PolicyNode n, String rule, String message, String hint) {
            findings.add(finding(n.offset(), n, Severity.WARNING, rule, message, hint));
        }

        void errorAt(int offset, PolicyNode n, String rule, String message, String hint) {
            findings.add(finding(offset, n, Severity.ERROR, rule, message, hint));
        }

        Finding finding(int offset, PolicyNode n, Severity asked, String rule, String message, String hint) {
            Severity severity = RuleEvidence.standard().severity(rule, asked);
            if (including != null) {
                // Inside an included fragment: report at the include, naming the fragment.
                String id = including.attribute("fragment-id");
                return new Finding(doc.source(), doc.line(including.offset()), doc.column(including.offset()), severity, rule,
                        including.path() + "[" + id + "]/" + n.name(), "in fragment '" + id + "': " + message, hint);
            }
            return new Finding(doc.source(), doc.line(offset), doc.column(offset), severity, rule, n.path(), message, hint);
        }
    }

    /** Whether a URL is an Azure OpenAI / AI Foundry model endpoint. */
    public static boolean isOpenAiUrl(String url) {
        return url != null && OPENAI_HOST.matcher(url.trim()).matches();
    }

    /** Two elements can never run for the same request: they sit in different branches of one choose. */
    static boolean exclusive(List<PolicyNode> a, List<PolicyNode> b) {
        int i = 0;
        while (i < a.size() && i < b.size() && a.get(i) == b.get(i)) {
            i++;
        }
        return i > 0 && i < a.size() && i < b.size() && a.get(i - 1).name().equals("choose");
    }

    private static List<PolicyNode> append(List<PolicyNode> trail, PolicyNode n) {
        List<PolicyNode> out = new ArrayList<>(trail.size() + 1);
        out.addAll(trail);
        out.add(n);
        return out;
    }

    private static String trimmed(String s) {
        return s == null ? null : s.trim();
    }

    private static List<String> sorted(Set<String> s) {
        return s.stream().sorted().toList();
    }

    /** ", did you mean 'x'?" for a near miss, else "". */
    static String suggestion(String name, Iterable<String> known) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String k : known) {
            int d = distance(name, k);
            if (d < bestDistance) {
                bestDistance = d;
                best = k;
            }
        }
        return best != null && bestDistance <= Math.max(2, name.length() / 4) ? "; did you mean '" + best + "'?" : "";
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
