package com.enrollflow.workflow.engine;

import javax.xml.datatype.DatatypeFactory;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Names the JDK's own {@link DatatypeFactory} in the system property the JDK looks at first, unless the operator has
 * named one. The engine parses a timer's ISO 8601 duration (PT12H, P3D …) each time it creates the timer, and asks
 * {@link DatatypeFactory#newInstance()} for a parser each time; without the property the JDK then searches every jar
 * on the class path for a service provider, finds none here and falls back to this very class (JDK-6466177). That
 * search was 5 % of the job executor's CPU samples in the recycle storm, where every recycle creates the new task's
 * two timers, and every lead pays it for its own: 18 µs a call against 3.6 µs with the property, on one thread
 * (docs/decisions.md, 528). With the property set the JDK loads the named class directly: the same parser.
 */
@Component
class TimerDurations extends AbstractProcessEnginePlugin {

    private static final Logger log = LoggerFactory.getLogger(TimerDurations.class);

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        String named = nameTheJdkFactory();
        log.debug("{}={}", DatatypeFactory.DATATYPEFACTORY_PROPERTY, named);
    }

    /** Sets the property to the JDK's factory when nobody has set it; returns the factory named now. */
    static String nameTheJdkFactory() {
        synchronized (System.getProperties()) {
            String named = System.getProperty(DatatypeFactory.DATATYPEFACTORY_PROPERTY);
            if (named == null || named.isBlank()) {
                System.setProperty(DatatypeFactory.DATATYPEFACTORY_PROPERTY,
                        DatatypeFactory.DATATYPEFACTORY_IMPLEMENTATION_CLASS);
                return DatatypeFactory.DATATYPEFACTORY_IMPLEMENTATION_CLASS;
            }
            return named;
        }
    }
}
