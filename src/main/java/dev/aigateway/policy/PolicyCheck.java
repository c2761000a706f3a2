package dev.aigateway.policy;

import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * The check every rendered policy passes before its resource is registered: the {@link PolicyLinter}
 * with its errors turned into one exception. Also the strict-XML view of rawxml.
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

    private static final PolicyCheck STANDARD = new PolicyCheck();

    private PolicyCheck() {}

    /** The check backed by the bundled policy rules. */
    public static PolicyCheck standard() {
        return STANDARD;
    }

    /** Check a fragment on its own: root {@code <fragment>}, no sections, no base, no nested fragments. */
    public void checkFragment(String id, String xml) {
        fail(id, PolicyLinter.standard().lint(id, xml, PolicyLinter.Options.fragment(), PolicyLinter.References.none()));
    }

    /**
     * Check a policy document at {@code scope}. {@code fragments} maps fragment id to its rendered
     * text; every {@code include-fragment} must name one, and its content is checked in place.
     */
    public void checkPolicy(String name, Scope scope, String xml, Map<String, String> fragments) {
        fail(name, PolicyLinter.standard().lint(name, xml, PolicyLinter.Options.at(scope), PolicyLinter.References.fragmentsOnly(fragments)));
    }

    private static void fail(String name, List<Finding> findings) {
        List<String> errors = findings.stream().filter(Finding::isError).map(Finding::toString).toList();
        if (!errors.isEmpty()) {
            throw new PolicyException(String.join("; ", errors));
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
