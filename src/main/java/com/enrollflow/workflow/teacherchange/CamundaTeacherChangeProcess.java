package com.enrollflow.workflow.teacherchange;

import java.time.Clock;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Component;

import com.enrollflow.identity.SystemLookups;
import com.enrollflow.opportunity.Families;
import com.enrollflow.reference.BusinessTime;
import com.enrollflow.reference.Subject;
import com.enrollflow.reference.TeacherLevel;
import com.enrollflow.teacherchange.TeacherChange;
import com.enrollflow.teacherchange.TeacherChangeProcess;
import com.enrollflow.workflow.ProcessConstants;

/**
 * Starts teacher-change.bpmn (更换教师); business key = the change's number (HJ000012). The lessons still owed are
 * scheduled from tomorrow, for the schedule's subject and level, without the teacher left.
 */
@Component
class CamundaTeacherChangeProcess implements TeacherChangeProcess {

    static final String PROCESS = "teacherChange";
    static final String MESSAGE_WITHDRAWN = "TeacherChangeWithdrawn";
    /** The event subprocess's rescheduling, where a withdrawn change without an instance begins. */
    static final String RESCHEDULE = "CallActivity_RescheduleAnyTeacher";

    private final RuntimeService runtime;
    private final SystemLookups system;
    private final Families families;
    private final Clock clock;

    CamundaTeacherChangeProcess(RuntimeService runtime, SystemLookups system, Families families, Clock clock) {
        this.runtime = runtime;
        this.system = system;
        this.families = families;
        this.clock = clock;
    }

    @Override
    public void start(TeacherChange t, long quoteId) {
        Map<String, Object> v = variables(t, quoteId, LocalDate.now(clock.withZone(BusinessTime.ZONE)).plusDays(1));
        system.unrestricted(() -> runtime.startProcessInstanceByKey(PROCESS, t.teacherChangeNo(), v));
    }

    /** The change's process variables, the lessons scheduled from {@code from}. */
    private Map<String, Object> variables(TeacherChange t, long quoteId, LocalDate from) {
        Map<String, Object> v = new HashMap<>();
        v.put(TeacherChangeDelegates.TEACHER_CHANGE_ID, t.id());
        v.put(TeacherChangeDelegates.TEACHER_CHANGE_NO, t.teacherChangeNo());
        v.put(ProcessConstants.OPPORTUNITY_ID, t.opportunityId());
        // the scheduling it calls keeps the opportunity as its business key, as for every other caller
        v.put("opportunityKey", String.valueOf(t.opportunityId()));
        v.put(ProcessConstants.CUSTOMER_NAME, families.of(t.opportunityId()).name());
        v.put(ProcessConstants.CAMPUS, t.campusCode());
        v.put("quoteId", quoteId);
        v.put("lessonsToSchedule", t.lessonsToSchedule());
        v.put("scheduleFrom", from.toString());
        v.put("scheduleSubject", code(Subject.class, t.subject()));
        v.put("scheduleTeacherLevel", code(TeacherLevel.class, t.teacherLevel()));
        v.put("excludedTeacherId", t.fromTeacherId());
        v.put("preferredTeacherId", t.preferredTeacherId());
        return v;
    }

    /**
     * The message starts the event subprocess 撤销更换教师, which interrupts the scheduling (its called instance ends
     * with it) and schedules the lessons again from {@code from}, the teacher left tried first. A change whose
     * instance is gone (an operator cancelled it in Cockpit, leaving the contract held) gets one begun at that
     * rescheduling, so its lessons are not left unscheduled either.
     */
    @Override
    public void withdrawn(TeacherChange t, long quoteId, LocalDate from) {
        // TeacherChanges has checked the caller's campus and role: the message is the application's, also under the
        // Tasklist start form 撤销更换教师
        system.asApplication(() -> {
            if (runtime.createProcessInstanceQuery().processDefinitionKey(PROCESS)
                    .processInstanceBusinessKey(t.teacherChangeNo()).count() > 0) {
                runtime.createMessageCorrelation(MESSAGE_WITHDRAWN).processInstanceBusinessKey(t.teacherChangeNo())
                        .setVariable("scheduleFrom", from.toString()).correlateWithResult();
            } else {
                runtime.createProcessInstanceByKey(PROCESS).businessKey(t.teacherChangeNo())
                        .setVariables(variables(t, quoteId, from)).startBeforeActivity(RESCHEDULE).execute();
            }
        });
    }

    private static <E extends Enum<E> & com.enrollflow.common.Coded> String code(Class<E> type, String label) {
        return com.enrollflow.common.Coded.parse(type, label).orElseThrow().name();
    }
}
