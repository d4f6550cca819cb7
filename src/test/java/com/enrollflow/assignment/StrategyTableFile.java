package com.enrollflow.assignment;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.util.HashMap;
import java.util.Map;

import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.instance.OutputEntry;
import org.camunda.bpm.model.dmn.instance.Rule;

/**
 * bpmn/assignment-strategy.dmn as a process owner saves it, evaluated by the DMN engine alone (no process engine)
 * and read into a {@link StrategyRule} the way the application does; {@link #edited} changes one cell first.
 */
public final class StrategyTableFile implements StrategyTable {

    public static final String PATH = "bpmn/assignment-strategy.dmn";
    private static final DmnEngine DMN = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();
    /** The table as shipped. */
    public static final StrategyTableFile SHIPPED = new StrategyTableFile(read());

    private final DmnDecision decision;

    private StrategyTableFile(DmnModelInstance model) {
        this.decision = DMN.parseDecision(StrategyRule.DECISION_KEY, model);
    }

    /** The shipped table as a model to change (Camunda's DMN model API, what Modeler's XML is). */
    public static DmnModelInstance read() {
        return Dmn.readModelFromFile(new File(PATH));
    }

    /** Sets the text of output column {@code output} (0 = 分配方式 … 5 = 优先原负责人) in the rule with that id. */
    public static DmnModelInstance edit(DmnModelInstance model, String ruleId, int output, String text) {
        Rule rule = model.getModelElementById(ruleId);
        OutputEntry cell = rule.getOutputEntries().stream().skip(output).findFirst().orElseThrow();
        cell.getText().setTextContent(text);
        return model;
    }

    /** The shipped table with one cell changed. */
    public static StrategyTableFile edited(String ruleId, int output, String text) {
        DmnModelInstance model = edit(read(), ruleId, output, text);
        // written and read again, as a deployment would
        ByteArrayOutputStream xml = new ByteArrayOutputStream();
        Dmn.writeModelToStream(xml, model);
        return new StrategyTableFile(Dmn.readModelFromStream(new ByteArrayInputStream(xml.toByteArray())));
    }

    /** A table from its XML, as a process owner's editor saves it. */
    public static StrategyTableFile fromXml(String xml) {
        return new StrategyTableFile(Dmn.readModelFromStream(new ByteArrayInputStream(
                xml.getBytes(java.nio.charset.StandardCharsets.UTF_8))));
    }

    /** The shipped file's XML. */
    public static String xml() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of(PATH));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The table's outputs for the strategy, by output name. */
    public DmnDecisionResult evaluate(AssignmentStrategy strategy, boolean redistribution) {
        Map<String, Object> inputs = new HashMap<>();
        inputs.put(StrategyRule.STRATEGY, strategy.name());
        inputs.put(StrategyRule.REDISTRIBUTION, redistribution);
        return DMN.evaluateDecision(decision, inputs);
    }

    @Override
    public StrategyRule ruleFor(AssignmentStrategy strategy, boolean redistribution) {
        DmnDecisionResult result = evaluate(strategy, redistribution);
        if (result.isEmpty()) {
            throw StrategyRule.noRule(strategy, redistribution);
        }
        return StrategyRule.fromTable(strategy, result.getFirstResult().getEntryMap());
    }
}
