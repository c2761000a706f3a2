package dev.aigateway.lint;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One element of a parsed policy document, with the offsets the linter reports findings at.
 * Attribute values and text are kept as written (expressions unescaped), since that is what APIM
 * compiles.
 */
public final class PolicyNode {

    /** An attribute; {@code expression} when the whole value is a policy expression. */
    public record Attribute(String name, int offset, int valueStart, String value, boolean expression) {}

    /** A run of non-blank text or a text expression inside an element. */
    public record Text(int offset, String value, boolean expression) {}

    private final String name;
    private final int offset;
    private final PolicyNode parent;
    private final Map<String, Attribute> attributes = new LinkedHashMap<>();
    private final List<PolicyNode> children = new ArrayList<>();
    private final List<Text> text = new ArrayList<>();
    private int end = -1;

    PolicyNode(String name, int offset, PolicyNode parent) {
        this.name = name;
        this.offset = offset;
        this.parent = parent;
    }

    public String name() {
        return name;
    }

    public int offset() {
        return offset;
    }

    /** The offset just after the element's end tag (or after {@code />}). */
    public int end() {
        return end;
    }

    void end(int offset) {
        end = offset;
    }

    public PolicyNode parent() {
        return parent;
    }

    public Map<String, Attribute> attributes() {
        return Collections.unmodifiableMap(attributes);
    }

    public List<PolicyNode> children() {
        return Collections.unmodifiableList(children);
    }

    public List<Text> text() {
        return Collections.unmodifiableList(text);
    }

    /** The literal value of an attribute, or null when absent. */
    public String attribute(String attr) {
        Attribute a = attributes.get(attr);
        return a == null ? null : a.value();
    }

    public boolean has(String attr) {
        return attributes.containsKey(attr);
    }

    void addAttribute(Attribute a) {
        attributes.put(a.name(), a);
    }

    void addChild(PolicyNode child) {
        children.add(child);
    }

    void addText(Text t) {
        text.add(t);
    }

    /** The path from the root, for messages: {@code policies/inbound/choose/when}. */
    public String path() {
        return parent == null ? name : parent.path() + "/" + name;
    }
}
