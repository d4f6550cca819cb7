package com.enrollflow.workflow.teaching;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import com.enrollflow.common.ConflictException;
import com.enrollflow.common.FieldProblem;
import com.enrollflow.common.InvalidInputException;
import com.enrollflow.customer.TimelineEvent;
import com.enrollflow.opportunity.OpportunityService;
import com.enrollflow.reference.BusinessTime;
import com.enrollflow.scheduling.RoomRepository;
import com.enrollflow.scheduling.ScheduledLesson;
import com.enrollflow.scheduling.SchedulingService;
import com.enrollflow.scheduling.TeacherRepository;
import com.enrollflow.teaching.TeachingDays;
import com.enrollflow.workflow.Actors;
import com.enrollflow.workflow.InputRefusal;
import com.enrollflow.workflow.OptionLists;
import com.enrollflow.workflow.ProcessConstants;
import com.enrollflow.workflow.TaskInput;

/**
 * lesson-rebooking.bpmn (安排补课): the task shows the lesson to replace and the campus's teachers and rooms (the
 * lesson's own preselected); on completion the replacement is booked by {@link SchedulingService#addReplacement}, or
 * the reason for none goes onto the customer's timeline. A refused booking names the field and stores nothing.
 */
@Configuration
class RebookingDelegates {

    static final String OUTCOME = "rebookOutcome";
    static final String AT = "rebookAt";
    static final String TEACHER = "rebookTeacherId";
    static final String ROOM = "rebookRoomId";
    static final String NOTE = "rebookNote";

    private final TeachingDays days;
    private final TeacherRepository teachers;
    private final RoomRepository rooms;
    private final SchedulingService scheduling;
    private final OpportunityService opportunities;
    private final OptionLists options;
    private final TransactionTemplate savepoint;

    RebookingDelegates(TeachingDays days, TeacherRepository teachers, RoomRepository rooms,
            SchedulingService scheduling, OpportunityService opportunities, OptionLists options,
            PlatformTransactionManager transactions) {
        // in a savepoint: on PostgreSQL a refused booking (a taken slot's unique key) would otherwise abort the
        // whole transaction, and the engine could not even report the refusal
        this.savepoint = new TransactionTemplate(transactions);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
        this.days = days;
        this.teachers = teachers;
        this.rooms = rooms;
        this.scheduling = scheduling;
        this.opportunities = opportunities;
        this.options = options;
    }

    /** Task_ArrangeRebooking (安排补课), on create. */
    @Bean("rebookingPrepare")
    TaskListener rebookingPrepare() {
        return task -> {
            TeachingDays.LessonInfo lesson = lesson(task);
            task.setVariableLocal("lessonText", lesson.label());
            options.put(task, "teacherOptions", teachers.findByCampus(lesson.campus()).stream()
                    .filter(t -> t.active()).map(t -> Map.of("label", t.name() + "（" + t.level().label() + "）",
                            "value", t.id())).toList());
            options.put(task, "roomOptions", rooms.findByCampus(lesson.campus()).stream().filter(r -> r.active())
                    .map(r -> Map.of("label", r.name(), "value", r.id())).toList());
            // on the instance: what the form submits replaces them
            task.getExecution().setVariable(TEACHER, lesson.teacherId());
            task.getExecution().setVariable(ROOM, lesson.roomId());
        };
    }

    /** Task_ArrangeRebooking, on complete. */
    @Bean("rebookingInput")
    TaskListener rebookingInput() {
        return task -> {
            TaskInput input = new TaskInput(task);
            String outcome = input.oneOf(OUTCOME, true, "BOOK", "NONE");
            String note = input.text(NOTE, 500, "NONE".equals(outcome));
            OffsetDateTime at = "BOOK".equals(outcome) ? moment(input, task.getVariable(AT)) : null;
            input.check(NOTE, AT, TEACHER, ROOM);
            long opportunityId = ((Number) task.getVariable(ProcessConstants.OPPORTUNITY_ID)).longValue();
            TeachingDays.LessonInfo lesson = lesson(task);
            if ("NONE".equals(outcome)) {
                opportunities.note(opportunityId, TimelineEvent.LESSON_NOT_REBOOKED, Actors.of(task),
                        lesson.label() + " 不安排补课：" + note);
                return;
            }
            ScheduledLesson booked;
            try {
                booked = savepoint.execute(tx -> scheduling.addReplacement(lesson.lessonId(),
                        (String) task.getVariable(TEACHER), (String) task.getVariable(ROOM), at, Actors.of(task)));
            } catch (InvalidInputException e) {
                throw InputRefusal.of(e.problems().stream().map(p -> new FieldProblem(switch (p.field()) {
                    case "teacherId" -> TEACHER;
                    case "roomId" -> ROOM;
                    default -> AT;
                }, p.message())).toList());
            } catch (ConflictException e) {
                throw InputRefusal.of(List.of(new FieldProblem(AT, e.getMessage())));
            }
            opportunities.note(opportunityId, TimelineEvent.LESSON_REBOOKED, Actors.of(task), lesson.label() + " 补课："
                    + BusinessTime.shown(booked.startsAt()) + " " + booked.teacherName() + " " + booked.roomName()
                    + (note == null ? "" : "（" + note + "）"));
        };
    }

    private TeachingDays.LessonInfo lesson(DelegateTask task) {
        long id = ((Number) task.getVariable(CamundaRebookings.LESSON_ID)).longValue();
        return days.lesson(id).orElseThrow(() -> InputRefusal.because("课时 " + id + " 不存在"));
    }

    private static OffsetDateTime moment(TaskInput input, Object value) {
        if (value == null || value.toString().isBlank()) {
            input.problem(AT, "必填");
            return null;
        }
        try {
            return OffsetDateTime.parse(value.toString().strip());
        } catch (DateTimeParseException e) {
            input.problem(AT, "须为带时区的时间，例如 2026-12-05T10:00:00+08:00");
            return null;
        }
    }
}
