package com.enrollflow.workflow.teaching;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.enrollflow.common.Coded;
import com.enrollflow.common.ConflictException;
import com.enrollflow.common.FieldProblem;
import com.enrollflow.common.InvalidInputException;
import com.enrollflow.common.NotFoundException;
import com.enrollflow.reference.BusinessTime;
import com.enrollflow.scheduling.PreferredTimes;
import com.enrollflow.teaching.Attendance;
import com.enrollflow.teaching.AttendanceStatus;
import com.enrollflow.teaching.TeachingDays;
import com.enrollflow.workflow.Actors;
import com.enrollflow.workflow.InputRefusal;
import com.enrollflow.workflow.OptionLists;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * daily-attendance.bpmn (每日出勤登记) and lesson-attendance.bpmn (登记今日课堂): each morning one task per teacher and
 * campus with the day's lessons; the teacher (or academic affairs) marks them all at once. Each row goes through
 * {@link Attendance}, all in the completion's transaction: one refused row refuses the form and stores nothing.
 */
@Configuration
class AttendanceDelegates {

    static final String TEACHER_DAYS = "teacherDays";
    static final String TODAY_LESSONS = "todayLessons";
    static final String TEACHER_ID = "teacherId";
    static final String DAY = "day";
    static final String ACADEMIC_AFFAIRS = "academicAffairs";

    /** A row of 登记今日课堂 as the form submits it. */
    record Row(Long lessonId, String label, String status, String note, String leaveRequestedAt,
            String correctionReason) {
    }

    private final TeachingDays days;
    private final Attendance attendance;
    private final OptionLists options;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper();

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
                one.put("day", today.toString());
                one.put("dayText", today + "（" + PreferredTimes.shown(today.getDayOfWeek()) + "）");
                one.put("dueAt", today.atTime(23, 59).atZone(BusinessTime.ZONE).toOffsetDateTime().toString());
                list.add(one);
            }
            execution.setVariable(TEACHER_DAYS, list);
        };
    }

    /** Task_MarkTodayLessons (登记今日课堂), on create: the day's lessons as rows of the form, marked ones filled in. */
    @Bean("todayLessonsPrepare")
    TaskListener todayLessonsPrepare() {
        return task -> {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (TeachingDays.DayLesson l : days.lessons(teacherId(task), day(task))) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("lessonId", l.lessonId());
                row.put("label", l.label());
                row.put("status", l.attendance());
                row.put("note", null);
                row.put("leaveRequestedAt", null);
                row.put("correctionReason", null);
                rows.add(row);
            }
            // on the instance, not the task: what the form submits replaces it (one task per instance)
            task.getExecution().setVariable(TODAY_LESSONS, options.json(rows));
        };
    }

    /**
     * Task_MarkTodayLessons, on complete: every row of the teacher's day has a status; a row already marked with
     * the same status is left alone, one marked otherwise needs a correction reason; a lesson that has not begun,
     * or one that is not this task's, refuses the form by its row.
     */
    @Bean("todayLessonsInput")
    TaskListener todayLessonsInput() {
        return task -> {
            List<TeachingDays.DayLesson> lessons = days.lessons(teacherId(task), day(task));
            Map<Long, TeachingDays.DayLesson> byId = lessons.stream()
                    .collect(Collectors.toMap(TeachingDays.DayLesson::lessonId, l -> l));
            List<Row> rows = rows(task.getVariable(TODAY_LESSONS));
            List<FieldProblem> problems = new ArrayList<>();
            OffsetDateTime now = OffsetDateTime.now(clock);
            Set<Long> seen = rows.stream().map(Row::lessonId).filter(Objects::nonNull).collect(Collectors.toSet());
            for (TeachingDays.DayLesson missing : lessons) {
                if (!seen.contains(missing.lessonId())) {
                    problems.add(new FieldProblem(TODAY_LESSONS, missing.label() + "：缺少这节课的出勤"));
                }
            }
            List<Row> toMark = new ArrayList<>();
            for (Row row : rows) {
                TeachingDays.DayLesson lesson = row.lessonId() == null ? null : byId.get(row.lessonId());
                if (lesson == null) {
                    problems.add(new FieldProblem(TODAY_LESSONS, "课时 " + row.lessonId() + " 不是本任务的课"));
                    continue;
                }
                String name = lesson.label();
                var status = row.status() == null || row.status().isBlank() ? null
                        : Coded.parse(AttendanceStatus.class, row.status()).orElse(null);
                if (status == null) {
                    problems.add(new FieldProblem(TODAY_LESSONS, name + "：请选择出勤情况（"
                            + Coded.allowed(AttendanceStatus.class) + "）"));
                } else if (now.isBefore(lesson.startsAt())) {
                    problems.add(new FieldProblem(TODAY_LESSONS, name + "：这节课还没开始，开始后才能登记"));
                } else if (lesson.attendance() != null && lesson.attendance().equals(status.name())) {
                    continue; // marked already, unchanged
                } else if (lesson.attendance() != null && blank(row.correctionReason())) {
                    problems.add(new FieldProblem(TODAY_LESSONS, name + "：已登记为“"
                            + AttendanceStatus.valueOf(lesson.attendance()).label() + "”，更改须填写更正原因"));
                } else {
                    toMark.add(row);
                }
            }
            if (!problems.isEmpty()) {
                throw InputRefusal.of(problems);
            }
            String actor = Actors.of(task);
            boolean academicAffairs = task.getProcessEngineServices().getIdentityService().createGroupQuery()
                    .groupMember(actor).groupId(ACADEMIC_AFFAIRS).count() > 0;
            for (Row row : toMark) {
                String name = byId.get(row.lessonId()).label();
                try {
                    attendance.mark(row.lessonId(), new Attendance.MarkRequest(row.status(), row.note(),
                            row.leaveRequestedAt(), blank(row.correctionReason()) ? null : row.correctionReason()),
                            new Attendance.Marker(actor, academicAffairs));
                } catch (InvalidInputException e) {
                    throw InputRefusal.of(e.problems().stream()
                            .map(p -> new FieldProblem(TODAY_LESSONS, name + "：" + p.message())).toList());
                } catch (ConflictException | NotFoundException e) {
                    throw InputRefusal.of(List.of(new FieldProblem(TODAY_LESSONS, name + "：" + e.getMessage())));
                }
            }
        };
    }

    private List<Row> rows(Object value) {
        if (value == null) {
            return List.of();
        }
        try {
            String text = value instanceof String s ? s : json.writeValueAsString(value instanceof List<?> ? value
                    : json.readTree(value.toString()));
            return json.readValue(text, new TypeReference<List<Row>>() {
            });
        } catch (JsonProcessingException e) {
            throw InputRefusal.of(List.of(new FieldProblem(TODAY_LESSONS, "今日课堂的内容无法读取")));
        }
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
