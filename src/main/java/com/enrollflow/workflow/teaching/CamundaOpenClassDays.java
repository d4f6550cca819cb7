package com.enrollflow.workflow.teaching;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Objects;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

import com.enrollflow.identity.SystemLookups;
import com.enrollflow.teaching.OpenClassDays;

/**
 * A class's open days read from the running class-day-roll-call instances, whose business key is the class and the
 * day ({@code BJ-HD-C0001:2026-12-04}, as daily-class-roll-call.bpmn's call activity passes it); as the application,
 * since the desk asking for a 转班 may not read the teachers' tasks.
 */
@Component
class CamundaOpenClassDays implements OpenClassDays {

    private final RuntimeService runtime;
    private final SystemLookups system;

    CamundaOpenClassDays(@Lazy RuntimeService runtime, SystemLookups system) {
        this.runtime = runtime;
        this.system = system;
    }

    @Override
    public List<LocalDate> of(String classCode) {
        String prefix = classCode + ":";
        List<ProcessInstance> open = system.asApplication(() -> runtime.createProcessInstanceQuery()
                .processDefinitionKey(ClassDayDelegates.CLASS_DAY_PROCESS).processInstanceBusinessKeyLike(
                        prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%")
                .list());
        return open.stream().map(ProcessInstance::getBusinessKey).filter(k -> k != null && k.startsWith(prefix))
                .map(k -> day(k.substring(prefix.length()))).filter(Objects::nonNull).toList();
    }

    private static LocalDate day(String text) {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
