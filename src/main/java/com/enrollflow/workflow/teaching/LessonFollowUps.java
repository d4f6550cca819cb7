package com.enrollflow.workflow.teaching;

import java.util.HashMap;
import java.util.Map;

import org.camunda.bpm.engine.RuntimeService;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import com.enrollflow.identity.SystemLookups;
import com.enrollflow.teaching.ClassLessonConsumed;
import com.enrollflow.teaching.ClassLessonRestored;
import com.enrollflow.teaching.LessonConsumed;
import com.enrollflow.teaching.LessonRestored;
import com.enrollflow.workflow.ProcessConstants;

/**
 * Starts lesson-follow-ups.bpmn (课消后续跟进; business key = the opportunity id) for every lesson consumed, in the
 * marking transaction: the instance stops at its first asynchronous step, so what follows a mark (续费提醒, 满意度调查,
 * 剩余课时待排, 课消通知) is stored with the mark or not at all, runs after it commits, is retried when it fails and stands as
 * an incident in Cockpit when it keeps failing (decision 727). Before, each ran after the commit in the marking
 * thread and was lost with a log line when it failed or the node stopped in between.
 */
@Component
class LessonFollowUps {

    static final String PROCESS = "lessonFollowUps";
    static final String CONTRACT_ID = "contractId";
    static final String LESSON_ID = "lessonId";
    static final String CONSUMED_LESSONS = "consumedLessons";
    static final String CLASS_SESSION_ID = "classSessionId";
    static final String CORRECTED_MARK_ID = "correctedMarkId";
    static final String PREVIOUS_STATUS = "previousStatus";
    /**
     * ONE_ON_ONE (一对一课), CLASS (班课), RESTORED (a correction gave a 1:1 lesson back) or CLASS_RESTORED (a roll
     * call's correction gave a class lesson back): the gateways read it.
     */
    static final String LESSON_KIND = "lessonKind";

    private final RuntimeService runtime;
    private final SystemLookups system;

    LessonFollowUps(RuntimeService runtime, SystemLookups system) {
        this.runtime = runtime;
        this.system = system;
    }

    @EventListener
    public void lessonConsumed(LessonConsumed e) {
        Map<String, Object> v = variables(e.contractId(), e.opportunityId(), "ONE_ON_ONE");
        v.put(LESSON_ID, e.lessonId());
        v.put(CONSUMED_LESSONS, e.consumedLessons());
        start(e.opportunityId(), v);
    }

    @EventListener
    public void lessonRestored(LessonRestored e) {
        Map<String, Object> v = variables(e.contractId(), e.opportunityId(), "RESTORED");
        v.put(LESSON_ID, e.lessonId());
        v.put(CORRECTED_MARK_ID, e.correctedMarkId());
        start(e.opportunityId(), v);
    }

    @EventListener
    public void classLessonConsumed(ClassLessonConsumed e) {
        Map<String, Object> v = variables(e.contractId(), e.opportunityId(), "CLASS");
        v.put(CLASS_SESSION_ID, e.classSessionId());
        start(e.opportunityId(), v);
    }

    @EventListener
    public void classLessonRestored(ClassLessonRestored e) {
        Map<String, Object> v = variables(e.contractId(), e.opportunityId(), "CLASS_RESTORED");
        v.put(CLASS_SESSION_ID, e.classSessionId());
        v.put(PREVIOUS_STATUS, e.previousStatus());
        start(e.opportunityId(), v);
    }

    private static Map<String, Object> variables(long contractId, long opportunityId, String kind) {
        Map<String, Object> v = new HashMap<>();
        v.put(ProcessConstants.OPPORTUNITY_ID, opportunityId);
        v.put(CONTRACT_ID, contractId);
        v.put(LESSON_KIND, kind);
        return v;
    }

    /** As the application: the teacher who marks may not start processes herself. */
    private void start(long opportunityId, Map<String, Object> variables) {
        system.asApplication(() -> system.unrestricted(() -> runtime.startProcessInstanceByKey(PROCESS,
                String.valueOf(opportunityId), variables)));
    }
}
