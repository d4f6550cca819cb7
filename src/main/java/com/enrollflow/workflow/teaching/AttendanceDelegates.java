package com.enrollflow.workflow.teaching;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.enrollflow.common.ConflictException;
import com.enrollflow.common.FieldProblem;
import com.enrollflow.common.InvalidInputException;
import com.enrollflow.common.NotFoundException;
import com.enrollflow.reference.BusinessTime;
import com.enrollflow.reference.StaffRole;
import com.enrollflow.scheduling.PreferredTimes;
import com.enrollflow.teaching.Attendance;
import com.enrollflow.teaching.AttendanceStatus;
import com.enrollflow.teaching.TeachingDays;
import com.enrollflow.workflow.Actors;
import com.enrollflow.workflow.FormValues;
import com.enrollflow.workflow.InputRefusal;
import com.enrollflow.workflow.OptionLists;
import com.enrollflow.workflow.engine.TaskFormRecord;

/**
 * daily-attendance.bpmn (每日出勤登记) and lesson-attendance.bpmn (登记今日课堂): each morning one task per teacher and
 * campus with the day's lessons; the teacher (or academic affairs) marks them all at once. Each lesson goes through
 * {@link Attendance}, all in the completion's transaction: one refused lesson refuses the form and stores nothing.
 */
@Configuration
class AttendanceDelegates {

    static final String TEACHER_DAYS = "teacherDays";
    static final String LESSON_OPTIONS = "lessonOptions";
    static final String ATTENDED_LESSONS = "attendedLessons";
    static final String LEAVE_REQUESTED_AT = "leaveRequestedAt";
    static final String NOTE = "attendanceNote";
    static final String CORRECTION_REASON = "correctionReason";
    /** The form's four checklists, one per attendance status, in the form's order. */
    static final Map<AttendanceStatus, String> LISTS = new java.util.EnumMap<>(Map.of(
            AttendanceStatus.ATTENDED, ATTENDED_LESSONS, AttendanceStatus.LEAVE, "leaveLessons",
            AttendanceStatus.ABSENT, "absentLessons", AttendanceStatus.TEACHER_ABSENT, "teacherAbsentLessons"));
    static final String TEACHER_ID = "teacherId";
    static final String DAY = "day";
    static final String ACADEMIC_AFFAIRS = "academicAffairs";

    private final TeachingDays days;
    private final Attendance attendance;
    private final OptionLists options;
    private final Clock clock;

    AttendanceDelegates(TeachingDays days, Attendance attendance, OptionLists options, Clock clock) {
        this.days = days;
        this.attendance = attendance;
        this.options = options;
        this.clock = clock;
    }

    /** ServiceTask_ListTeacherDays (列出今日上课的教师): one entry per teacher and campus with lessons today. */
    @Bean("listTeacherDays")
    JavaDelegate listTeacherDays() {
        return execution -> {
            LocalDate today = LocalDate.now(clock.withZone(BusinessTime.ZONE));
            List<Map<String, Object>> list = new ArrayList<>();
            for (TeachingDays.TeacherDay t : days.teachers(today)) {
                Map<String, Object> one = new LinkedHashMap<>();
                one.put("campus", t.campus());
                one.put("teacherId", t.teacherId());
                one.put("teacherLogin", t.teacherLogin());
                one.put("teacherName", t.teacherName());
                putDay(one, today);
                list.add(one);
            }
            execution.setVariable(TEACHER_DAYS, list);
        };
    }

    /**
     * The day of a morning's task, as its called process takes it: {@code day} (2026-12-05), {@code dayText}
     * (2026-12-05（周六）) and {@code dueAt}, 23:59 of the day in Beijing (登记今日课堂 and 班课点名 alike).
     */
    static void putDay(Map<String, Object> one, LocalDate day) {
        one.put(DAY, day.toString());
        one.put("dayText", PreferredTimes.shown(day));
        one.put("dueAt", day.atTime(23, 59).atZone(BusinessTime.ZONE).toOffsetDateTime().toString());
    }

    /**
     * Task_MarkTodayLessons (登记今日课堂), on create: the day's lessons as the choices of four checklists (出勤, 请假,
     * 缺勤, 教师缺课); each lesson already marked is ticked in its list, every other one in 出勤 (most lessons are).
     */
    @Bean("todayLessonsPrepare")
    TaskListener todayLessonsPrepare() {
        return task -> {
            List<TeachingDays.DayLesson> lessons = days.lessons(teacherId(task), day(task));
            options.put(task, LESSON_OPTIONS, lessons.stream()
                    .map(l -> Map.of("label", l.label(), "value", String.valueOf(l.lessonId()))).toList());
            // on the instance, not the task: what the form submits replaces them (one task per instance)
            for (Map.Entry<AttendanceStatus, String> list : LISTS.entrySet()) {
                List<String> ticked = lessons.stream().filter(l -> list.getKey().name().equals(l.attendance())
                        || (l.attendance() == null && list.getKey() == AttendanceStatus.ATTENDED))
                        .map(l -> String.valueOf(l.lessonId())).toList();
                task.getExecution().setVariable(list.getValue(), options.json(ticked));
            }
        };
    }

    /**
     * Task_MarkTodayLessons, on complete: every lesson of the teacher's day is ticked in exactly one list; a lesson
     * already marked the same way is left alone, one marked otherwise needs a correction reason; a lesson that has
     * not begun, or one that is not this task's, refuses the form by its name. Then each is marked through
     * {@link Attendance}, all in the completion's transaction.
     */
    @Bean("todayLessonsInput")
    TaskListener todayLessonsInput() {
        return task -> {
            List<TeachingDays.DayLesson> lessons = days.lessons(teacherId(task), day(task));
            Map<Long, TeachingDays.DayLesson> byId = lessons.stream()
                    .collect(Collectors.toMap(TeachingDays.DayLesson::lessonId, l -> l));
            List<FieldProblem> problems = new ArrayList<>();
            Map<Long, AttendanceStatus> chosen = new LinkedHashMap<>();
            for (Map.Entry<AttendanceStatus, String> list : LISTS.entrySet()) {
                for (String value : FormValues.checked(task.getVariable(list.getValue()))) {
                    Long id = value.matches("\\d{1,18}") ? Long.valueOf(value) : null;
                    if (id == null || !byId.containsKey(id)) {
                        problems.add(new FieldProblem(list.getValue(), "“" + value + "”不是本任务的课"));
                    } else if (chosen.containsKey(id)) {
                        problems.add(new FieldProblem(list.getValue(), byId.get(id).label() + "：只能选一种出勤情况（已在“"
                                + chosen.get(id).label() + "”中）"));
                    } else {
                        chosen.put(id, list.getKey());
                    }
                }
            }
            OffsetDateTime now = OffsetDateTime.now(clock);
            String reason = text(task.getVariable(CORRECTION_REASON));
            List<Long> toMark = new ArrayList<>();
            for (TeachingDays.DayLesson lesson : lessons) {
                AttendanceStatus status = chosen.get(lesson.lessonId());
                if (status == null) {
                    problems.add(new FieldProblem(ATTENDED_LESSONS, lesson.label() + "：请选择出勤情况"));
                } else if (now.isBefore(lesson.startsAt())) {
                    problems.add(new FieldProblem(LISTS.get(status), lesson.label() + "：这节课还没开始，开始后才能登记"));
                } else if (status.name().equals(lesson.attendance())) {
                    continue; // marked already, unchanged
                } else if (lesson.attendance() != null && reason == null) {
                    problems.add(new FieldProblem(CORRECTION_REASON, lesson.label() + "：已登记为“"
                            + AttendanceStatus.valueOf(lesson.attendance()).label() + "”，更改须填写更正原因"));
                } else {
                    toMark.add(lesson.lessonId());
                }
            }
            if (!problems.isEmpty()) {
                throw InputRefusal.of(problems);
            }
            String actor = Actors.of(task);
            boolean academicAffairs = task.getProcessEngineServices().getIdentityService().createGroupQuery()
                    .groupMember(actor).groupId(ACADEMIC_AFFAIRS).count() > 0;
            String note = text(task.getVariable(NOTE));
            Object leaveAt = task.getVariable(LEAVE_REQUESTED_AT);
            List<String> told = new ArrayList<>();
            for (Long id : toMark) {
                AttendanceStatus status = chosen.get(id);
                TeachingDays.DayLesson lesson = byId.get(id);
                String field = LISTS.get(status);
                try {
                    Attendance.Marked marked = attendance.mark(id, new Attendance.MarkRequest(status.name(), note,
                            status == AttendanceStatus.LEAVE && leaveAt != null ? leaveAt.toString() : null,
                            lesson.attendance() == null ? null : reason), new Attendance.Marker(actor, academicAffairs));
                    told.add(lesson.label() + "：" + marked(marked));
                } catch (InvalidInputException e) {
                    throw InputRefusal.of(e.problems().stream().map(p -> new FieldProblem(
                            "leaveRequestedAt".equals(p.field()) ? LEAVE_REQUESTED_AT
                                    : "note".equals(p.field()) ? NOTE : field, lesson.label() + "：" + p.message()))
                            .toList());
                } catch (ConflictException | NotFoundException e) {
                    throw InputRefusal.of(List.of(new FieldProblem(field, lesson.label() + "：" + e.getMessage())));
                }
            }
            int unchanged = lessons.size() - toMark.size();
            Object dayText = task.getVariable("dayText");
            String dayShown = dayText == null ? day(task).toString() : dayText.toString();
            TaskFormRecord.told(task, told.isEmpty() ? dayShown + " 的 " + unchanged + " 节课此前均已登记，未作更改"
                    : dayShown + " 已登记 " + told.size() + " 节：" + String.join("；", told)
                            + (unchanged == 0 ? "" : "；其余 " + unchanged + " 节此前已登记，未作更改"));
        };
    }

    /**
     * One lesson as the teacher is told after 完成: 出勤，扣 1 课时，剩余 12 课时 / 请假，不扣课时，由教务安排补课 (the hours as
     * lesson-consumption.dmn decided them).
     */
    static String marked(Attendance.Marked m) {
        return m.statusLabel() + "，" + (m.consumed() ? "扣 1 课时" + (m.remaining() == null ? ""
                : "，剩余 " + m.remaining() + " 课时") : "不扣课时")
                + (m.rebook() ? "，由" + StaffRole.labelOf(m.rebookBy() == null ? ACADEMIC_AFFAIRS : m.rebookBy())
                        + "安排补课" : "");
    }

    private static String text(Object value) {
        return value == null || value.toString().isBlank() ? null : value.toString().strip();
    }

    private static String teacherId(DelegateTask task) {
        return (String) task.getVariable(TEACHER_ID);
    }

    private static LocalDate day(DelegateTask task) {
        return LocalDate.parse((String) task.getVariable(DAY));
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
