package com.enrollflow.identity;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

/** Reads a deployed BPMN or DMN file as plain XML (no DTDs, no external entities) for the deployment guard. */
final class ModelDocuments {

    private ModelDocuments() {
    }

    static Document parse(byte[] xml) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(null);
            return builder.parse(new ByteArrayInputStream(xml));
        } catch (Exception e) {
            return null;
        }
    }

    /** Every element below (and including) the root, in document order, skipping the subtrees {@code skip} names. */
    static void elements(Element root, java.util.function.Predicate<Element> skip, Consumer<Element> visitor) {
        if (skip.test(root)) {
            return;
        }
        visitor.accept(root);
        for (Node child = root.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element e) {
                elements(e, skip, visitor);
            }
        }
    }

    static List<Attr> attributes(Element element) {
        NamedNodeMap map = element.getAttributes();
        List<Attr> list = new ArrayList<>(map.getLength());
        for (int i = 0; i < map.getLength(); i++) {
            Attr a = (Attr) map.item(i);
            if (!XMLConstants.XMLNS_ATTRIBUTE_NS_URI.equals(a.getNamespaceURI())) {
                list.add(a);
            }
        }
        return list;
    }

    /** The element's own text (not its children's), trimmed. */
    static String ownText(Element element) {
        StringBuilder text = new StringBuilder();
        for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child.getNodeType() == Node.TEXT_NODE || child.getNodeType() == Node.CDATA_SECTION_NODE) {
                text.append(child.getNodeValue());
            }
        }
        return text.toString().strip();
    }

    /** The id of the element or of its nearest ancestor that has one: what the refusal names. */
    static String nearestId(Element element) {
        for (Node n = element; n instanceof Element e; n = n.getParentNode()) {
            if (!e.getAttribute("id").isEmpty()) {
                return e.getAttribute("id");
            }
        }
        return "（无 id）";
    }

    static String local(Node node) {
        return node.getLocalName() == null ? node.getNodeName() : node.getLocalName();
    }
}
