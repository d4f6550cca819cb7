package com.enrollflow.workflow.teaching;

import static com.enrollflow.workflow.FormValues.text;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.enrollflow.common.ConflictException;
import com.enrollflow.common.InvalidInputException;
import com.enrollflow.teaching.ClassDays;
import com.enrollflow.teaching.ClassRollCalls;
import com.enrollflow.workflow.Actors;
import com.enrollflow.workflow.FormValues;
import com.enrollflow.workflow.InputRefusal;
import com.enrollflow.workflow.OptionLists;
import com.enrollflow.workflow.TaskInput;
import com.enrollflow.workflow.engine.TaskFormRecord;

/**
 * daily-class-roll-call.bpmn (每日班课点名) and class-day-roll-call.bpmn (今日班课点名, decision 577): the classes meeting
 * today, and each one's roll call as a task whose two checklists name the students on leave and absent.
 */
@Configuration
class ClassDayDelegates {

    static final String CLASS_DAYS = "classesToday";
    static final String CLASS_DAY_PROCESS = "classDayRollCall";
    /** The variables of one class's day, and the fields of the form take-class-roll-call. */
    static final String CLASS_CODE = "classCode";
    static final String DAY = "day";
    static final String ROSTER_OPTIONS = "rosterOptions";
    static final String ON_LEAVE = "onLeave";
    static final String ABSENT = "absent";
    static final String CORRECTION_REASON = "correctionReason";
    /** 今天没有上课 (a holiday, the class moved): the task ends without a roll call, with the reason. */
    static final String NOT_HELD = "notHeld";
    static final String NOT_HELD_REASON = "notHeldReason";
    static final String SUMMARY = "rollCallSummary";

    private final ClassDays days;
    private final ClassRollCalls rollCalls;
    private final OptionLists options;

    ClassDayDelegates(ClassDays days, ClassRollCalls rollCalls, OptionLists options) {
        this.days = days;
        this.rollCalls = rollCalls;
        this.options = options;
    }

    /**
     * ServiceTask_ListClassDays (列出今日上课的班级): one entry per class meeting today. Its task goes to the class's
     * teacher, with academic affairs of the campus beside them; a class without a teacher who logs in, to the
     * campus's teachers and academic affairs. A class whose task of the day is already open (the morning job run
     * again by hand) gets no second one.
     */
    @Bean("listClassDays")
    JavaDelegate listClassDays() {
        return execution -> {
            LocalDate today = days.today();
            var runtime = execution.getProcessEngineServices().getRuntimeService();
            List<Map<String, Object>> list = new ArrayList<>();
            for (ClassDays.ClassDay c : days.meetingOn(today)) {
                if (runtime.createProcessInstanceQuery().processDefinitionKey(CLASS_DAY_PROCESS)
                        .processInstanceBusinessKey(c.code() + ":" + today).count() > 0) {
                    continue;
                }
                Map<String, Object> one = new LinkedHashMap<>();
                one.put("campus", c.campus());
                one.put(CLASS_CODE, c.code());
                one.put("className", c.name() + "（" + c.code() + "）");
                one.put("teacherLogin", c.teacherLogin());
                one.put("candidateGroups", c.teacherLogin() == null ? "teacher,academicAffairs" : "academicAffairs");
                AttendanceDelegates.putDay(one, today);
                list.add(one);
            }
            execution.setVariable(CLASS_DAYS, list);
        };
    }

    /** Task_TakeClassRollCall (班课点名), on create: the day's roster as the choices of the two checklists. */
    @Bean("classRollCallPrepare")
    TaskListener classRollCallPrepare() {
        return task -> {
            String code = (String) task.getVariable(CLASS_CODE);
            LocalDate day = LocalDate.parse((String) task.getVariable(DAY));
            options.put(task, ROSTER_OPTIONS, rollCalls.roster(code, day).stream()
                    .map(s -> Map.of("label", s.name() + "（" + s.contractNumber() + "，剩余 " + s.remaining() + " 课时）",
                            "value", s.contractNumber()))
                    .toList());
        };
    }

    /**
     * Task_TakeClassRollCall, on complete: the roll call of {@link ClassRollCalls#record}, everyone not ticked
     * attended. A day someone already marked with the start form 班课点名 ends the task when nothing is ticked; marks
     * then need a correction reason, as that form's second roll call does. A day the class did not meet (今天没有上课,
     * with its reason) ends the task without a roll call: nobody is marked, no lesson consumed.
     */
    @Bean("classRollCallInput")
    TaskListener classRollCallInput() {
        return task -> {
            String code = (String) task.getVariable(CLASS_CODE);
            String day = (String) task.getVariable(DAY);
            List<String> onLeave = FormValues.checked(task.getVariable(ON_LEAVE));
            List<String> absent = FormValues.checked(task.getVariable(ABSENT));
            String reason = text(task.getVariable(CORRECTION_REASON));
            if (Boolean.TRUE.equals(FormValues.flag(NOT_HELD, task.getVariable(NOT_HELD)))) {
                TaskInput input = new TaskInput(task);
                String why = input.text(NOT_HELD_REASON, 200, true);
                if (!onLeave.isEmpty() || !absent.isEmpty()) {
                    input.problem(NOT_HELD, "今天没有上课时不勾选请假或缺勤的学员");
                }
                input.check(NOT_HELD_REASON);
                summary(task, "今天没有上课：" + why + "；未点名，未扣课时");
                return;
            }
            Optional<String> marked = days.markedBy(code, LocalDate.parse(day));
            if (marked.isPresent() && (reason == null || reason.isBlank())) {
                if (onLeave.isEmpty() && absent.isEmpty()) {
                    summary(task, "今天已点名（" + marked.get() + "），本任务结束");
                    return;
                }
                TaskInput input = new TaskInput(task);
                input.problem(ON_LEAVE, "今天已点名（" + marked.get() + "）；要更正请填写更正原因");
                input.check();
            }
            var asked = new ClassRollCalls.RollCall(code, day, onLeave.isEmpty() ? null : String.join("、", onLeave),
                    absent.isEmpty() ? null : String.join("、", absent), reason);
            try {
                summary(task, rollCalls.record(asked, Actors.of(task)).summary());
            } catch (InvalidInputException e) {
                throw TaskInput.rejected(e);
            } catch (ConflictException e) {
                throw InputRefusal.submission(e.getMessage());
            }
        };
    }

    /** What the roll call did, kept in the instance's history and told to whoever completed the task. */
    private static void summary(DelegateTask task, String text) {
        task.setVariable(SUMMARY, text);
        TaskFormRecord.told(task, text);
    }
}
