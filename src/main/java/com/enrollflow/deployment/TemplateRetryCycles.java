package com.enrollflow.deployment;

import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParse;
import org.camunda.bpm.engine.impl.bpmn.parser.DefaultFailedJobParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.ParseUtil;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.stereotype.Component;

/**
 * The retry cycle of a task made from one of our Modeler element templates. Camunda 7 templates cannot write
 * {@code camunda:failedJobRetryTimeCycle} (no such binding), so a template for an asynchronous task writes the
 * extension property {@code retryTimeCycle} (e.g. {@code R3/PT1M}) and this parse listener applies it as the task's
 * retry cycle, unless the task names a {@code failedJobRetryTimeCycle} of its own.
 */
@Component
class TemplateRetryCycles extends AbstractProcessEnginePlugin {

    static final String PROPERTY = "retryTimeCycle";

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        configuration.getCustomPostBPMNParseListeners().add(new AbstractBpmnParseListener() {
            @Override
            public void parseServiceTask(Element element, ScopeImpl scope, ActivityImpl activity) {
                apply(element, activity);
            }

            @Override
            public void parseBusinessRuleTask(Element element, ScopeImpl scope, ActivityImpl activity) {
                apply(element, activity);
            }

            @Override
            public void parseSendTask(Element element, ScopeImpl scope, ActivityImpl activity) {
                apply(element, activity);
            }
        });
    }

    static void apply(Element element, ActivityImpl activity) {
        Element extensions = element.element("extensionElements");
        if (extensions == null || element.element("multiInstanceLoopCharacteristics") != null
                || extensions.elementNS(BpmnParse.CAMUNDA_BPMN_EXTENSIONS_NS, "failedJobRetryTimeCycle") != null) {
            return;
        }
        Element properties = extensions.elementNS(BpmnParse.CAMUNDA_BPMN_EXTENSIONS_NS, "properties");
        if (properties == null) {
            return;
        }
        for (Element property : properties.elementsNS(BpmnParse.CAMUNDA_BPMN_EXTENSIONS_NS, "property")) {
            String cycle = property.attribute("value");
            if (PROPERTY.equals(property.attribute("name")) && cycle != null && !cycle.isBlank()) {
                activity.getProperties().set(DefaultFailedJobParseListener.FAILED_JOB_CONFIGURATION,
                        ParseUtil.parseRetryIntervals(cycle.strip()));
            }
        }
    }
}
