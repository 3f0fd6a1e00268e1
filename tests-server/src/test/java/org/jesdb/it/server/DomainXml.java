package org.jesdb.it.server;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * The changes domain-config/ makes to Payara Micro's domain, made to a new Payara Server domain's
 * domain.xml before its first start: every listener on loopback, phone home off, Hazelcast on
 * loopback only, and the system properties of domain-config/system.properties.
 */
final class DomainXml {
    private static final String SERVER_CONFIG = "server-config";

    private final Path file;
    private final Document document;
    private final Element serverConfig;

    private DomainXml(Path file, Document document) {
        this.file = file;
        this.document = document;
        this.serverConfig = serverConfig(document);
    }

    static DomainXml read(Path file) throws IOException {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return new DomainXml(file, factory.newDocumentBuilder().parse(file.toFile()));
        } catch (ParserConfigurationException | SAXException e) {
            throw new IOException("cannot read " + file, e);
        }
    }

    /** HTTP, admin, IIOP and JMX listeners answer on 127.0.0.1 only, as the WAR's domain does. */
    DomainXml bindListenersToLoopback() {
        for (String tag : List.of("network-listener", "iiop-listener", "jmx-connector")) {
            NodeList listeners = serverConfig.getElementsByTagName(tag);
            for (int i = 0; i < listeners.getLength(); i++) {
                ((Element) listeners.item(i)).setAttribute("address", "127.0.0.1");
            }
        }
        return this;
    }

    /** Hazelcast (Payara's data grid) binds 127.0.0.1 and finds members only there, as in the runnable jar. */
    DomainXml keepHazelcastOnLoopback() {
        Element hazelcast = (Element) document.getElementsByTagName("hazelcast-runtime-configuration").item(0);
        hazelcast.setAttribute("interface", "127.0.0.1");
        hazelcast.setAttribute("das-bind-address", "127.0.0.1");
        hazelcast.setAttribute("das-public-address", "127.0.0.1");
        hazelcast.setAttribute("discovery-mode", "tcpip");
        hazelcast.setAttribute("tcpip-members", "127.0.0.1:" + hazelcast.getAttribute("das-port"));
        return this;
    }

    DomainXml disablePhoneHome() {
        Element phoneHome = document.createElement("phone-home-runtime-configuration");
        phoneHome.setAttribute("enabled", "false");
        serverConfig.appendChild(phoneHome);
        return this;
    }

    /** Adds -Dname=value to the server's JVM options. */
    DomainXml addSystemProperty(String name, String value) {
        Element javaConfig = (Element) serverConfig.getElementsByTagName("java-config").item(0);
        Element option = document.createElement("jvm-options");
        option.setTextContent("-D" + name + "=" + value);
        javaConfig.appendChild(option);
        return this;
    }

    void write() throws IOException {
        try {
            var transformer = TransformerFactory.newInstance().newTransformer();
            transformer.setOutputProperty(OutputKeys.INDENT, "no");
            transformer.transform(new DOMSource(document), new StreamResult(file.toFile()));
        } catch (TransformerException e) {
            throw new IOException("cannot write " + file, e);
        }
    }

    private static Element serverConfig(Document document) {
        NodeList configs = document.getElementsByTagName("config");
        for (int i = 0; i < configs.getLength(); i++) {
            Element config = (Element) configs.item(i);
            if (SERVER_CONFIG.equals(config.getAttribute("name"))) {
                return config;
            }
        }
        throw new IllegalStateException("domain.xml has no " + SERVER_CONFIG);
    }
}
