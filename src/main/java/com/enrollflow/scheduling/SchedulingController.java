package com.enrollflow.scheduling;

import java.security.Principal;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.enrollflow.common.InvalidInputException;
import com.enrollflow.common.NotFoundException;
import com.enrollflow.reference.Campuses;
import com.enrollflow.reference.Grade;
import com.enrollflow.reference.Subject;
import com.enrollflow.reference.CampusScope;
import com.enrollflow.reference.Scope;
import com.enrollflow.reference.TeacherLevel;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;

/**
 * Schedules and the teachers and rooms to choose from (排课); confirmed by academic affairs. A lesson's move (调课)
 * is teaching's: once promised to the family, the timeline and the family hear of it (LessonMoves).
 */
@RestController
class SchedulingController {

    private final SchedulingService scheduling;
    private final TeacherRepository teachers;
    private final RoomRepository rooms;
    private final Campuses campuses;
    private final CampusScope scope;

    SchedulingController(SchedulingService scheduling, TeacherRepository teachers, RoomRepository rooms,
            Campuses campuses, CampusScope scope) {
        this.scope = scope;
        this.scheduling = scheduling;
        this.teachers = teachers;
        this.rooms = rooms;
        this.campuses = campuses;
    }

    record TeachingView(Subject subject, String subjectLabel, List<Grade> grades, List<String> gradeLabels) {
    }

    record AvailabilityView(DayOfWeek day, String dayLabel, LocalTime start, LocalTime end) {
    }

    record TeacherView(String id, String userId, String name, String campus, TeacherLevel level, String levelLabel,
            boolean active, List<TeachingView> teaches, List<AvailabilityView> availability) {
    }

    @Operation(summary = "排课方案及其课时（教师、教室、时间）")
    @GetMapping("/api/schedules/{proposalId}")
    Proposal get(@PathVariable long proposalId) {
        return visible(scheduling.find(proposalId), "排课方案 " + proposalId);
    }

    /** Schedules and lessons of a campus the caller works for (校区数据范围); any other is "not found". */
    private Proposal visible(java.util.Optional<Proposal> proposal, String what) {
        return proposal.filter(p -> scope.current().seesCampus(p.campusCode()))
                .orElseThrow(() -> new NotFoundException("您负责的校区中没有" + what));
    }

    @Operation(summary = "教务确认排课方案（再次确认不改变任何内容）")
    @PostMapping("/api/schedules/{proposalId}/confirm")
    Proposal confirm(@PathVariable long proposalId, Principal principal) {
        get(proposalId);
        return scheduling.confirm(proposalId, principal.getName());
    }

    @Operation(summary = "校区的教师：级别、所教科目与年级、每周可上课时间")
    @GetMapping("/api/teachers")
    List<TeacherView> teachers(@Parameter(description = "校区：代码或名称（BJ-HD、北京海淀校区、海淀）")
            @RequestParam(required = false) String campus) {
        List<Teacher> list = campus == null ? teachers.findAll() : teachers.findByCampus(knownCampus(campus));
        Scope visible = scope.current();
        return list.stream().filter(t -> visible.seesCampus(t.campusCode())).map(this::view).toList();
    }

    @Operation(summary = "校区的一对一教室")
    @GetMapping("/api/rooms")
    List<Room> rooms(@Parameter(description = "校区：代码或名称（BJ-HD、北京海淀校区、海淀）")
            @RequestParam(required = false) String campus) {
        Scope visible = scope.current();
        return (campus == null ? rooms.findAll() : rooms.findByCampus(knownCampus(campus))).stream()
                .filter(r -> visible.seesCampus(r.campusCode())).toList();
    }

    /** The campus named by its code or its name (北京海淀校区, 海淀). */
    private String knownCampus(String campus) {
        Campuses.Match match = campuses.find(campus);
        if (!match.found()) {
            throw new InvalidInputException("campus", match.problem());
        }
        return match.campus().code();
    }

    private TeacherView view(Teacher t) {
        Map<Subject, List<Grade>> bySubject = new LinkedHashMap<>();
        teachers.teachings(t.id()).forEach(x -> bySubject.computeIfAbsent(x.subject(), s -> new ArrayList<>())
                .add(x.grade()));
        List<TeachingView> teaches = bySubject.entrySet().stream()
                .map(e -> new TeachingView(e.getKey(), e.getKey().label(), e.getValue(),
                        e.getValue().stream().map(Grade::label).toList()))
                .toList();
        List<AvailabilityView> availability = teachers.availability(t.id()).stream()
                .map(a -> new AvailabilityView(a.day(), SchedulePlanner.dayLabel(a.day()), a.start(), a.end()))
                .toList();
        return new TeacherView(t.id(), t.userId(), t.name(), t.campusCode(), t.level(), t.level().label(),
                t.active(), teaches, availability);
    }
}
