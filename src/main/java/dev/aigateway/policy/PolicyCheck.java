package dev.aigateway.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * The check every rendered policy passes before its resource is registered: well-formed rawxml
 * with every expression closed, the document structure APIM requires, and each policy element
 * known, in a section and scope where it is allowed, with its required attributes. The facts come
 * from {@code apim-policies.json}. This is the one place the linter grows from.
 */
public final class PolicyCheck {

    /** Where a policy document is attached. */
    public enum Scope {
        GLOBAL("global"), PRODUCT("product"), API("API"), OPERATION("operation");

        final String reference;

        Scope(String reference) {
            this.reference = reference;
        }
    }

    private static final List<String> SECTIONS = List.of("inbound", "backend", "outbound", "on-error");
    /** Policies whose children are policies of the same section. */
    private static final Set<String> POLICY_CONTAINERS = Set.of("retry", "limit-concurrency", "when", "otherwise");
    private static final int MAX_POLICY_BYTES = 256 * 1024;
    private static final int MAX_FRAGMENT_BYTES = 512 * 1024;

    private record Rule(Set<String> sections, Set<String> scopes, List<String> required, Map<String, List<String>> children) {}

    private static volatile PolicyCheck standard;
    private final Map<String, Rule> rules;
    /** Included fragments are parsed once, however many policies include them. */
    private final Map<String, Element> parsedFragments = new java.util.concurrent.ConcurrentHashMap<>();

    private PolicyCheck(Map<String, Rule> rules) {
        this.rules = rules;
    }

    /** The check backed by the bundled policy reference. */
    public static PolicyCheck standard() {
        if (standard == null) {
            try (InputStream in = PolicyCheck.class.getResourceAsStream("apim-policies.json")) {
                standard = new PolicyCheck(readRules(new ObjectMapper().readTree(in)));
            } catch (IOException e) {
                throw new IllegalStateException("cannot read bundled apim-policies.json", e);
            }
        }
        return standard;
    }

    private static Map<String, Rule> readRules(JsonNode root) {
        Map<String, Rule> rules = new HashMap<>();
        for (JsonNode p : root) {
            Map<String, List<String>> children = new HashMap<>();
            JsonNode ce = p.path("child_elements");
            ce.fieldNames().forEachRemaining(names -> {
                List<String> required = strings(ce.get(names).path("required_attributes"));
                for (String n : names.split("\\|")) {
                    children.put(n, required);
                }
            });
            rules.put(p.get("name").asText(), new Rule(Set.copyOf(strings(p.path("sections"))),
                    Set.copyOf(strings(p.path("scopes"))), strings(p.path("required_attributes")), children));
        }
        return rules;
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    /** Check a fragment on its own: root {@code <fragment>}, no sections, no base, no nested fragments. */
    public void checkFragment(String id, String xml) {
        List<String> problems = new ArrayList<>();
        if (xml.getBytes(StandardCharsets.UTF_8).length > MAX_FRAGMENT_BYTES) {
            problems.add("fragment is larger than 512 KB");
        }
        Element root = parse(id, xml);
        if (!root.getTagName().equals("fragment")) {
            problems.add("root element must be <fragment>, not <" + root.getTagName() + ">");
        }
        for (Element child : children(root)) {
            policy(child, null, null, Map.of(), "fragment", problems);
        }
        fail(id, problems);
    }

    /**
     * Check a policy document at {@code scope}. {@code fragments} maps fragment id to its rendered
     * text; every {@code include-fragment} must name one, and its content is checked in place.
     */
    public void checkPolicy(String name, Scope scope, String xml, Map<String, String> fragments) {
        List<String> problems = new ArrayList<>();
        if (xml.getBytes(StandardCharsets.UTF_8).length > MAX_POLICY_BYTES) {
            problems.add("policy document is larger than 256 KiB");
        }
        Element root = parse(name, xml);
        if (!root.getTagName().equals("policies")) {
            problems.add("root element must be <policies>, not <" + root.getTagName() + ">");
        }
        int last = -1;
        Set<String> seen = new HashSet<>();
        for (Element section : children(root)) {
            String s = section.getTagName();
            int index = SECTIONS.indexOf(s);
            if (index < 0) {
                problems.add("<" + s + "> is not a policy section");
                continue;
            }
            if (!seen.add(s)) {
                problems.add("section <" + s + "> appears twice");
            } else if (index < last) {
                problems.add("section <" + s + "> is out of order; sections run inbound, backend, outbound, on-error");
            }
            last = Math.max(last, index);
            boolean hasBase = false;
            for (Element child : children(section)) {
                hasBase |= child.getTagName().equals("base");
                policy(child, s, scope, fragments, s, problems);
            }
            if (scope != Scope.GLOBAL && !s.equals("backend") && !hasBase) {
                problems.add("section <" + s + "> must keep <base/> so policies of the enclosing scope still apply");
            }
            if (s.equals("backend") && !hasBase && !forwards(section, fragments)) {
                problems.add("section <backend> has neither <base/> nor forward-request, so requests are never forwarded");
            }
        }
        fail(name, problems);
    }

    private void policy(Element e, String section, Scope scope, Map<String, String> fragments, String path,
            List<String> problems) {
        String tag = e.getTagName();
        String here = path + "/" + tag;
        Rule rule = rules.get(tag);
        if (rule == null) {
            problems.add(here + ": unknown policy element <" + tag + ">");
            return;
        }
        if (section != null && !rule.sections().contains(section)) {
            problems.add(here + ": <" + tag + "> is not allowed in <" + section + ">");
        }
        if (scope != null && !tag.equals("base") && !rule.scopes().contains(scope.reference)) {
            problems.add(here + ": <" + tag + "> is not allowed at " + scope.name().toLowerCase(Locale.ROOT) + " scope");
        }
        if (section == null && (tag.equals("base") || tag.equals("include-fragment"))) {
            problems.add(here + ": a fragment cannot contain <" + tag + ">");
        }
        requireAttributes(e, rule.required(), here, problems);
        if (tag.equals("base") && e.hasChildNodes()) {
            problems.add(here + ": <base/> must be empty");
        }
        if (tag.equals("include-fragment") && section != null) {
            String id = e.getAttribute("fragment-id");
            String text = fragments.get(id);
            if (text == null) {
                problems.add(here + ": fragment '" + id + "' is not defined");
            } else {
                for (Element child : children(parsedFragment(id, text))) {
                    policy(child, section, scope, Map.of(), here + "[" + id + "]", problems);
                }
            }
        }
        for (Element child : children(e)) {
            String c = child.getTagName();
            if (rule.children().containsKey(c)) {
                requireAttributes(child, rule.children().get(c), here + "/" + c, problems);
                if (POLICY_CONTAINERS.contains(c)) {
                    for (Element inner : children(child)) {
                        policy(inner, section, scope, fragments, here + "/" + c, problems);
                    }
                }
            } else if (tag.equals("choose")) {
                problems.add(here + ": <choose> may only contain <when> and <otherwise>, not <" + c + ">");
            } else if (POLICY_CONTAINERS.contains(tag)) {
                policy(child, section, scope, fragments, here, problems);
            }
        }
    }

    private boolean forwards(Element e, Map<String, String> fragments) {
        for (Element child : children(e)) {
            String tag = child.getTagName();
            if (tag.equals("forward-request") || tag.equals("base")) {
                return true;
            }
            if (tag.equals("include-fragment") && fragments.containsKey(child.getAttribute("fragment-id"))) {
                String id = child.getAttribute("fragment-id");
                if (forwards(parsedFragment(id, fragments.get(id)), fragments)) {
                    return true;
                }
            } else if (forwards(child, fragments)) {
                return true;
            }
        }
        return false;
    }

    /** Keyed by text: the same id may stand for different text in different plans. */
    private Element parsedFragment(String id, String text) {
        if (parsedFragments.size() > 256) {
            parsedFragments.clear();
        }
        return parsedFragments.computeIfAbsent(text, t -> parse(id, t));
    }

    private static void requireAttributes(Element e, List<String> required, String path, List<String> problems) {
        for (String attr : required) {
            if (!e.hasAttribute(attr)) {
                problems.add(path + ": attribute '" + attr + "' is required");
            }
        }
    }

    private static List<Element> children(Node parent) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element el) {
                out.add(el);
            }
        }
        return out;
    }

    private static void fail(String name, List<String> problems) {
        if (!problems.isEmpty()) {
            throw new PolicyException(name + ": " + String.join("; ", problems));
        }
    }

    /** rawxml to DOM: expressions are XML-escaped in place, so the parser sees strict XML. */
    static Element parse(String name, String rawxml) {
        String strict;
        try {
            strict = toStrictXml(rawxml);
        } catch (PolicyException e) {
            throw new PolicyException(name + ": " + e.getMessage());
        }
        try {
            DocumentBuilder builder = factory().newDocumentBuilder();
            builder.setErrorHandler(null);
            Document doc = builder.parse(new InputSource(new StringReader(strict)));
            return doc.getDocumentElement();
        } catch (SAXParseException e) {
            throw new PolicyException(name + ": line " + e.getLineNumber() + ", column " + e.getColumnNumber()
                    + ": not well-formed XML: " + e.getMessage());
        } catch (SAXException | IOException | ParserConfigurationException e) {
            throw new PolicyException(name + ": not well-formed XML: " + e.getMessage());
        }
    }

    /** Escape the inside of every expression; everything else is copied as it is. */
    public static String toStrictXml(String rawxml) {
        StringBuilder out = new StringBuilder(rawxml.length() + 64);
        int[] copied = {0};
        RawXmlScanner.scan(rawxml, false, new RawXmlScanner.Listener() {
            @Override
            public void expression(int start, int end, boolean inAttribute) {
                out.append(rawxml, copied[0], start);
                String expr = rawxml.substring(start, end);
                out.append(inAttribute ? Escaping.xmlAttribute(expr) : Escaping.xmlText(expr));
                copied[0] = end;
            }
        });
        out.append(rawxml, copied[0], rawxml.length());
        return out.toString();
    }

    private static DocumentBuilderFactory factory() throws ParserConfigurationException {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        f.setXIncludeAware(false);
        f.setExpandEntityReferences(false);
        f.setNamespaceAware(false);
        // Fully built trees are only read afterwards, so cached fragments can be shared safely.
        f.setFeature("http://apache.org/xml/features/dom/defer-node-expansion", false);
        return f;
    }
}
