package dev.aigateway.lint;

import java.io.IOException;
import java.io.StringReader;
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
 * The strict-XML view of rawxml: every expression XML-escaped in place, so an XML parser reads the
 * document (and finds what the scanner leaves to XML: entities, characters, names).
 */
public final class StrictXml {
    private StrictXml() {}

    /** rawxml to DOM; a document that is not well-formed throws with its line and column. */
    public static Element parse(String name, String rawxml) {
        String strict;
        try {
            strict = of(rawxml);
        } catch (SyntaxException e) {
            throw new SyntaxException(name + ": " + e.getMessage(), e.offset(), e.reason());
        }
        try {
            DocumentBuilder builder = factory().newDocumentBuilder();
            builder.setErrorHandler(null);
            Document doc = builder.parse(new InputSource(new StringReader(strict)));
            return doc.getDocumentElement();
        } catch (SAXParseException e) {
            String reason = "line " + e.getLineNumber() + ", column " + e.getColumnNumber() + ": not well-formed XML: " + e.getMessage();
            throw new SyntaxException(name + ": " + reason, -1, reason);
        } catch (SAXException | IOException | ParserConfigurationException e) {
            String reason = "not well-formed XML: " + e.getMessage();
            throw new SyntaxException(name + ": " + reason, -1, reason);
        }
    }

    /** Escape the inside of every expression; everything else is copied as it is. */
    public static String of(String rawxml) {
        StringBuilder out = new StringBuilder(rawxml.length() + 64);
        int[] copied = {0};
        RawXmlScanner.scan(rawxml, false, new RawXmlScanner.Listener() {
            @Override
            public void expression(int start, int end, boolean inAttribute) {
                out.append(rawxml, copied[0], start);
                String expr = rawxml.substring(start, end);
                out.append(inAttribute ? XmlEscape.attribute(expr) : XmlEscape.text(expr));
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
