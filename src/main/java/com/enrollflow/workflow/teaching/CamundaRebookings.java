package com.enrollflow.workflow.teaching;

import java.util.HashMap;
import java.util.Map;

import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Component;

import com.enrollflow.identity.SystemLookups;
import com.enrollflow.teaching.Rebookings;
import com.enrollflow.workflow.ProcessConstants;

/** Starts and withdraws 安排补课 (lesson-rebooking.bpmn); business key = opportunity id, as every sales process. */
@Component
class CamundaRebookings implements Rebookings {

    static final String PROCESS = "lessonRebooking";
    static final String LESSON_ID = "lessonId";
    static final String GROUP = "rebookGroup";

    private final RuntimeService runtime;
    private final SystemLookups system;

    CamundaRebookings(RuntimeService runtime, SystemLookups system) {
        this.runtime = runtime;
        this.system = system;
    }

    /** As the application: the teacher who marks a leave may not start processes herself. */
    @Override
    public void request(long lessonId, long opportunityId, String group) {
        system.unrestricted(() -> {
            if (open(lessonId) == 0) {
                Map<String, Object> v = new HashMap<>();
                v.put(ProcessConstants.OPPORTUNITY_ID, opportunityId);
                v.put(LESSON_ID, lessonId);
                v.put(GROUP, group);
                runtime.startProcessInstanceByKey(PROCESS, String.valueOf(opportunityId), v);
            }
            return null;
        });
    }

    @Override
    public void withdraw(long lessonId, String reason) {
        system.unrestricted(() -> {
            runtime.createProcessInstanceQuery().processDefinitionKey(PROCESS)
                    .variableValueEquals(LESSON_ID, lessonId).listPage(0, 10)
                    .forEach(p -> runtime.deleteProcessInstance(p.getId(), reason));
            return null;
        });
    }

    private long open(long lessonId) {
        return runtime.createProcessInstanceQuery().processDefinitionKey(PROCESS)
                .variableValueEquals(LESSON_ID, lessonId).count();
    }
}
