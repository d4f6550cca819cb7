package com.enrollflow.teaching;

import java.security.Principal;
import java.time.OffsetDateTime;
import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import com.enrollflow.common.NotFoundException;
import com.enrollflow.common.RecordRowMapper;
import com.enrollflow.contract.Contract;
import com.enrollflow.contract.ContractLookup;
import com.enrollflow.reference.CampusScope;
import com.enrollflow.scheduling.Proposal;

import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** Attendance of lessons (出勤登记), moving one (调课) and the lessons of a contract with what they consumed. */
@RestController
class TeachingController {

    static final String ACADEMIC_AFFAIRS = "academicAffairs";

    record LessonView(long id, long proposalId, int seq, OffsetDateTime startsAt, OffsetDateTime endsAt,
            String teacherId, String teacherName, String roomId, String roomName, String status, String attendance,
            String attendanceLabel, Boolean consumed) {
    }

    record LessonRow(long id, long proposalId, int seq, OffsetDateTime startsAt, OffsetDateTime endsAt,
            String teacherId, String teacherName, String roomId, String roomName, String status, String attendance,
            Boolean consumed) {
    }

    record MoveRequest(@NotBlank(message = "必填") @Size(max = 32, message = "不能超过 32 个字符") String teacherId,
            @NotBlank(message = "必填") @Size(max = 32, message = "不能超过 32 个字符") String roomId,
            @NotNull(message = "必填") OffsetDateTime startsAt,
            @Size(max = 500, message = "不能超过 500 个字符") String reason) {
    }

    private static final RowMapper<LessonRow> LESSONS = RecordRowMapper.of(LessonRow.class);

    private final Attendance attendance;
    private final LessonMoves moves;
    private final ContractLookup lookup;
    private final CampusScope scope;
    private final JdbcClient jdbc;

    TeachingController(Attendance attendance, LessonMoves moves, ContractLookup lookup, CampusScope scope,
            JdbcClient jdbc) {
        this.attendance = attendance;
        this.moves = moves;
        this.lookup = lookup;
        this.scope = scope;
        this.jdbc = jdbc;
    }

    @Operation(summary = "登记一节课的出勤（ATTENDED 出勤、LEAVE 请假、ABSENT 缺勤、TEACHER_ABSENT 教师缺课，代码或中文均可）。"
            + "只有本课教师或本校区教务，课开始后；每节课登记一次，更正须填写 correctionReason（原记录保留）。"
            + "是否课消、是否补课由课消规则（确定是否课消）决定")
    @PostMapping("/api/lessons/{lessonId}/attendance")
    @ResponseStatus(HttpStatus.CREATED)
    Attendance.Marked mark(@PathVariable long lessonId, @RequestBody Attendance.MarkRequest request,
            Authentication user) {
        boolean academicAffairs = user.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .anyMatch(ACADEMIC_AFFAIRS::equals);
        return attendance.mark(lessonId, request, new Attendance.Marker(user.getName(), academicAffairs));
    }

    @Operation(summary = "调课：更换一节未开始的课的教师、教室或时间（reason 调课原因可选）；时段被占用时 409 并说明被占用的"
            + "教师/教室/学员与时间。课表已确认时，客户时间线记下调课，家长收到新时间的邮件")
    @PutMapping("/api/lessons/{lessonId}")
    Proposal move(@PathVariable long lessonId, @Valid @RequestBody MoveRequest r, Principal principal) {
        return moves.move(lessonId, new LessonMoves.Move(r.teacherId(), r.roomId(), r.startsAt(), r.reason()),
                principal.getName());
    }

    @Operation(summary = "一节课的全部出勤记录（含被更正的），当前记录在最后")
    @GetMapping("/api/lessons/{lessonId}/attendance")
    List<Attendance.Marked> history(@PathVariable long lessonId) {
        jdbc.sql("select p.campus_code from lesson l join schedule_proposal p on p.id = l.proposal_id "
                + "where l.id = ?").param(lessonId).query(String.class).optional()
                .filter(c -> scope.current().seesCampus(c))
                .orElseThrow(() -> new NotFoundException("您负责的校区中没有课时 " + lessonId));
        return attendance.history(lessonId);
    }

    @Operation(summary = "合同的全部课时：编号、时间、教师、教室、排课状态、出勤与是否课消")
    @GetMapping("/api/lessons")
    List<LessonView> ofContract(@RequestParam long contractId) {
        Contract contract = lookup.visible(contractId);
        return jdbc.sql("select l.id, l.proposal_id, l.seq, l.starts_at, l.ends_at, l.teacher_id, "
                + "t.name as teacher_name, l.room_id, r.name as room_name, l.status, l.attendance, a.consumed "
                + "from lesson l join schedule_proposal p on p.id = l.proposal_id "
                + "join teacher t on t.id = l.teacher_id join room r on r.id = l.room_id "
                + "left join lesson_attendance a on a.current_lesson_id = l.id "
                + "where p.opportunity_id = ? order by l.starts_at, l.id").param(contract.opportunityId())
                .query(LESSONS).list().stream()
                .map(l -> new LessonView(l.id(), l.proposalId(), l.seq(), l.startsAt(), l.endsAt(), l.teacherId(),
                        l.teacherName(), l.roomId(), l.roomName(), l.status(), l.attendance(),
                        l.attendance() == null ? null : AttendanceStatus.valueOf(l.attendance()).label(),
                        l.consumed()))
                .toList();
    }
}
