package com.enrollflow.workflow.teaching;

import java.util.HashMap;
import java.util.Map;

import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Component;

import com.enrollflow.customer.TimelineEvent;
import com.enrollflow.identity.SystemLookups;
import com.enrollflow.opportunity.OpportunityService;
import com.enrollflow.reference.BusinessTime;
import com.enrollflow.scheduling.SchedulingService;
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
    private final SchedulingService scheduling;
    private final OpportunityService opportunities;

    CamundaRebookings(RuntimeService runtime, SystemLookups system, SchedulingService scheduling,
            OpportunityService opportunities) {
        this.runtime = runtime;
        this.system = system;
        this.scheduling = scheduling;
        this.opportunities = opportunities;
    }

    /** As the application: the teacher who marks a leave may not start processes herself. */
    @Override
    public void request(long lessonId, long opportunityId, String group) {
        system.unrestricted(() -> {
            if (open(lessonId) == 0 && !scheduling.hasReplacement(lessonId)) {
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
        scheduling.cancelReplacement(lessonId, "system").ifPresent(at -> scheduling.forLesson(lessonId)
                .ifPresent(p -> opportunities.note(p.opportunityId(), TimelineEvent.LESSON_NOT_REBOOKED, "system",
                        "取消 " + BusinessTime.shown(at) + " 的补课：" + reason)));
    }

    /** As the application: a start form's user would count only the instances of their own tenants. */
    @Override
    public int waiting(long opportunityId) {
        return system.asApplication(() -> system.unrestricted(() -> Math.toIntExact(runtime
                .createProcessInstanceQuery().processDefinitionKey(PROCESS)
                .processInstanceBusinessKey(String.valueOf(opportunityId)).count())));
    }

    private long open(long lessonId) {
        return runtime.createProcessInstanceQuery().processDefinitionKey(PROCESS)
                .variableValueEquals(LESSON_ID, lessonId).count();
    }
}
