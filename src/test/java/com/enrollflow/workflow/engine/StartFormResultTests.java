package com.enrollflow.workflow.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Every Tasklist start form tells its starter what was stored (decision 649): the service task its start event leads
 * to is a bean whose code calls {@link StartFormRecord#told}. Without it Tasklist shows only its own three-second
 * 流程已启动。 and the desk has no number to give the family, which no other test of a new start form would notice.
 */
class StartFormResultTests {

    private static final String BPMN = "http://www.omg.org/spec/BPMN/20100524/MODEL";
    private static final String CAMUNDA = "http://camunda.org/schema/1.0/bpmn";
    private static final Pattern BEAN = Pattern.compile("\\$\\{(\\w+)}");

    @Test
    void shouldTellTheStarterOfEveryStartFormWhatWasStored() throws Exception {
        List<String> startForms = new ArrayList<>();
        List<String> silent = new ArrayList<>();
        String code = javaSources();
        try (Stream<Path> files = Files.list(Path.of("bpmn"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".bpmn")).sorted().toList()) {
                DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
                factory.setNamespaceAware(true);
                Document doc = factory.newDocumentBuilder().parse(file.toFile());
                NodeList starts = doc.getElementsByTagNameNS(BPMN, "startEvent");
                for (int i = 0; i < starts.getLength(); i++) {
                    Element start = (Element) starts.item(i);
                    if (start.getAttributeNS(CAMUNDA, "formRef").isEmpty()
                            || !((Element) start.getParentNode()).getLocalName().equals("process")) {
                        continue;
                    }
                    String bean = firstBean(doc, start.getAttribute("id"));
                    startForms.add(file.getFileName() + " → " + bean);
                    if (bean == null || !beanCode(code, bean).contains("StartFormRecord.told(")) {
                        silent.add(file.getFileName() + " (" + bean + ")");
                    }
                }
            }
        }
        assertThat(startForms).as("the start forms found").hasSizeGreaterThanOrEqualTo(24);
        assertThat(silent).as("start forms whose submit step tells the starter nothing").isEmpty();
    }

    /** The delegate bean of the service task the start event's flow leads to. */
    private static String firstBean(Document doc, String startId) {
        NodeList flows = doc.getElementsByTagNameNS(BPMN, "sequenceFlow");
        for (int i = 0; i < flows.getLength(); i++) {
            Element flow = (Element) flows.item(i);
            if (!flow.getAttribute("sourceRef").equals(startId)) {
                continue;
            }
            NodeList tasks = doc.getElementsByTagNameNS(BPMN, "serviceTask");
            for (int j = 0; j < tasks.getLength(); j++) {
                Element task = (Element) tasks.item(j);
                if (task.getAttribute("id").equals(flow.getAttribute("targetRef"))) {
                    Matcher m = BEAN.matcher(task.getAttributeNS(CAMUNDA, "delegateExpression"));
                    return m.matches() ? m.group(1) : null;
                }
            }
        }
        return null;
    }

    /** The code of a bean: its @Bean method up to the next bean, or its whole @Component class. */
    private static String beanCode(String code, String bean) {
        int method = code.indexOf("@Bean(\"" + bean + "\")");
        if (method >= 0) {
            int next = code.indexOf("@Bean(", method + 1);
            int fileEnd = code.indexOf("\n//FILE ", method);
            int end = Math.min(next < 0 ? code.length() : next, fileEnd < 0 ? code.length() : fileEnd);
            return code.substring(method, end);
        }
        int component = code.indexOf("@Component(\"" + bean + "\")");
        if (component >= 0) {
            int start = code.lastIndexOf("\n//FILE ", component);
            int end = code.indexOf("\n//FILE ", component);
            return code.substring(start, end < 0 ? code.length() : end);
        }
        return "";
    }

    /** Every main source file, each after a line //FILE name. */
    private static String javaSources() throws IOException {
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path f : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                all.append("\n//FILE ").append(f).append('\n').append(Files.readString(f, StandardCharsets.UTF_8));
            }
        }
        return all.toString();
    }
}
