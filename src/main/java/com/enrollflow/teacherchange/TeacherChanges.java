package com.enrollflow.teacherchange;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.enrollflow.common.ConflictException;
import com.enrollflow.common.InputRules;
import com.enrollflow.common.InvalidInputException;
import com.enrollflow.common.NotFoundException;
import com.enrollflow.contract.Contract;
import com.enrollflow.contract.ContractLookup;
import com.enrollflow.contract.ContractService;
import com.enrollflow.contract.ContractWork;
import com.enrollflow.contract.ContractWorks;
import com.enrollflow.customer.TimelineEvent;
import com.enrollflow.notification.NotificationService;
import com.enrollflow.opportunity.Families;
import com.enrollflow.opportunity.FamilyContact;
import com.enrollflow.opportunity.OpportunityService;
import com.enrollflow.reference.BusinessTime;
import com.enrollflow.reference.CampusScope;
import com.enrollflow.reference.Subject;
import com.enrollflow.reference.TeacherLevel;
import com.enrollflow.scheduling.CurrentTeacher;
import com.enrollflow.scheduling.Proposal;
import com.enrollflow.scheduling.ScheduledLesson;
import com.enrollflow.scheduling.SchedulingService;
import com.enrollflow.scheduling.Teacher;
import com.enrollflow.teaching.Attendance;
import com.enrollflow.teaching.HoursLedger;

/**
 * 更换教师: taken by academic affairs, customer service or the front desk of the contract's campus, or from 处理投诉.
 * The schedule's subject, grade and level stay, the hours ledger and the money are untouched; the process releases
 * the lessons not yet begun, schedules the lessons still owed with another teacher and, once confirmed, tells the
 * family. One teacher change at a time per contract (a database rule), never beside a refund, a suspension or a
 * transfer.
 */
@Service
public class TeacherChanges {

    /**
     * Why the family wants another teacher, and the new teacher it asks for (家长希望的新教师, optional): a teacher of
     * the campus who teaches the course at its level, by name or staff id.
     */
    @io.swagger.v3.oas.annotations.media.Schema(name = "TeacherChangeRequest")
    public record Request(String reason, String preferredTeacher) {

        /** Without a wish for the new teacher. */
        public Request(String reason) {
            this(reason, null);
        }
    }

    /** The field of the new teacher the family asks for, in the API and the start form. */
    public static final String PREFERRED_TEACHER_FIELD = "preferredTeacher";

    /** Why the teacher change is withdrawn. */
    public record Withdrawal(String reason) {
    }

    private final JdbcClient jdbc;
    private final ContractService contracts;
    private final ContractLookup lookup;
    private final CampusScope scope;
    private final SchedulingService scheduling;
    private final HoursLedger ledger;
    private final Attendance attendance;
    private final OpportunityService opportunities;
    private final NotificationService notifications;
    private final Families families;
    private final TeacherChangeProcess process;
    private final Clock clock;
    private final ContractWorks works;
    private final RunningTeacherChange running;

    TeacherChanges(JdbcClient jdbc, ContractService contracts, ContractLookup lookup, CampusScope scope,
            SchedulingService scheduling, HoursLedger ledger, Attendance attendance, OpportunityService opportunities,
            NotificationService notifications, Families families, TeacherChangeProcess process, Clock clock,
            ContractWorks works, RunningTeacherChange running) {
        this.works = works;
        this.running = running;
        this.jdbc = jdbc;
        this.contracts = contracts;
        this.lookup = lookup;
        this.scope = scope;
        this.scheduling = scheduling;
        this.ledger = ledger;
        this.attendance = attendance;
        this.opportunities = opportunities;
        this.notifications = notifications;
        this.families = families;
        this.process = process;
        this.clock = clock;
    }

    /**
     * Stores the teacher change and starts its process. 400 naming {@code reason}; 404 for a contract outside the
     * caller's campuses; 409 for a contract not in force, with an open refund, suspended, transferring, already
     * changing teacher, without a confirmed schedule, with no lesson left to schedule or with nobody else at the campus
     * who teaches the course at its level. Nothing is stored then.
     */
    @Transactional
    public TeacherChange request(long contractId, Request r, String by) {
        InputRules rules = new InputRules();
        Contract contract = lookup.visible(contractId, null, rules);
        return request(contract, rules, r, null, by);
    }

    /**
     * The same for the Tasklist start form 申请更换教师 and for 处理投诉, the contract as staff type it: its number or
     * the family's phone ({@link ContractLookup}); an unknown or another campus's contract is a problem of the field
     * {@code contract} ({@code contractId} when nothing is given), refused together with the reason (400).
     * {@code complaintId} names the complaint the change comes from, null for none.
     */
    @Transactional
    public TeacherChange request(String contract, Request r, Long complaintId, String by) {
        InputRules rules = new InputRules();
        Contract asked = lookup.typed(contract, rules);
        return request(asked, rules, r, complaintId, by);
    }

    /** {@code asked} is null only when {@code rules} already holds the contract's problem. */
    private TeacherChange request(Contract asked, InputRules rules, Request r, Long complaintId, String by) {
        String reason = rules.required("reason", r == null ? null : r.reason(), 500);
        String wished = r == null ? null : rules.optional(PREFERRED_TEACHER_FIELD, r.preferredTeacher(), 64);
        String preferredTeacherId = asked == null || wished == null ? null : scheduling.currentTeacher(
                asked.opportunityId()).map(current -> preferredTeacher(rules, wished, current, asked.campusCode()))
                .orElse(null);
        rules.throwIfAny();
        Contract contract = contracts.lock(asked.id());
        refuseWhileBusy(contract);
        CurrentTeacher current = scheduling.currentTeacher(contract.opportunityId()).orElseThrow(
                () -> new ConflictException(409, "合同 " + contract.number() + " 没有生效的一对一课表，无需更换教师"));
        if (!current.confirmed()) {
            throw new ConflictException(409, "合同 " + contract.number() + " 的课表尚待教务确认，请在“确认排课”中调整");
        }
        if (current.teacherId() == null) {
            throw new ConflictException(409, "合同 " + contract.number() + " 的课表中没有课，无需更换教师");
        }
        if (current.teacherId().equals(preferredTeacherId)) {
            // read before the contract's lock: the schedule moved to that very teacher in between
            throw new InvalidInputException(PREFERRED_TEACHER_FIELD, current.teacherName() + "已是现在的教师，请选另一位");
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        // a begun lesson's mark decides whether it is owed again (教师缺课 is made up, 出勤 is consumed), and a make-up
        // needs the schedule this change closes: the marks come first, as for 转课 and 退费
        attendance.requireBegunMarked(contract.opportunityId(), now, "更换教师");
        int toSchedule = ledger.oneOnOneLeft(contract.id());
        if (toSchedule == 0) {
            throw new ConflictException(409, "合同 " + contract.number() + " 没有剩余一对一课时，无需更换教师");
        }
        if (otherTeachers(contract.campusCode(), current).isEmpty()) {
            // the change would release every lesson for a schedule nobody can take (decision 668)
            throw new ConflictException(409, "本校区除原教师" + current.teacherName() + "外没有教" + course(current)
                    + "，无法更换教师，现有课表不变；可请教务先安排能授课的教师，或与家长商定转课");
        }
        KeyHolder keys = new GeneratedKeyHolder();
        try {
            jdbc.sql("insert into teacher_change (teacher_change_no, contract_id, open_contract_id, opportunity_id, "
                    + "campus_code, from_teacher_id, subject, teacher_level, lessons_to_schedule, complaint_id, "
                    + "status, reason, requested_by, requested_at, preferred_teacher_id) "
                    + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'IN_PROGRESS', ?, ?, ?, ?)")
                    .params("N" + contract.id(), contract.id(), contract.id(), contract.opportunityId(),
                            contract.campusCode(), current.teacherId(), current.subject().name(),
                            current.teacherLevel().name(), toSchedule, complaintId, reason, by, now,
                            preferredTeacherId)
                    .update(keys, "id");
        } catch (DuplicateKeyException race) {
            throw new ConflictException(409, "合同 " + contract.number() + " 已有进行中的更换教师，请完成后再申请");
        }
        long id = keys.getKey().longValue();
        jdbc.sql("update teacher_change set teacher_change_no = ? where id = ?").params(TeacherChange.number(id), id)
                .update();
        TeacherChange t = get(id);
        opportunities.note(contract.opportunityId(), TimelineEvent.TEACHER_CHANGED, by, t.teacherChangeNo()
                + "：申请更换教师（原教师 " + current.teacherName() + "，" + current.subject().label() + " · "
                + current.teacherLevel().label() + "），重新排 " + toSchedule + " 节课"
                + (t.preferredTeacherName() == null ? "" : "，家长希望由 " + t.preferredTeacherName() + " 授课")
                + "；原因：" + reason);
        process.start(t, contract.quoteId());
        return t;
    }

    /**
     * 撤销更换教师: a change still waiting for its new schedule ends; the scheduling it runs is dropped (an
     * unconfirmed proposal with it) and the lessons still owed are scheduled again from tomorrow on the same terms,
     * the teacher left tried first. The contract is free at once. 400 naming {@code reason}; 404 for a change outside the
     * caller's campuses; 409 once it is completed or withdrawn. Nothing is stored then.
     */
    @Transactional
    public TeacherChange withdraw(String idOrNumber, Withdrawal w, String by) {
        InputRules rules = new InputRules();
        String reason = rules.required("reason", w == null ? null : w.reason(), 500);
        rules.throwIfAny();
        return withdraw(visible(idOrNumber), reason, by);
    }

    /**
     * The same for the Tasklist start form 撤销更换教师, the change as staff type it: its number (HJ000012), or the
     * contract it runs on (the contract's number or the family's phone, {@link ContractLookup}). What cannot be read or
     * found is a problem of the field {@link #CHANGE_FIELD}, refused together with the reason's (400).
     */
    @Transactional
    public TeacherChange withdrawAsTyped(String typed, Withdrawal w, String by) {
        InputRules rules = new InputRules();
        TeacherChange t = changeAsTyped(typed, rules);
        String reason = rules.required("reason", w == null ? null : w.reason(), 500);
        rules.throwIfAny();
        return withdraw(t, reason, by);
    }

    /** The start form's field naming the change, as typed. */
    public static final String CHANGE_FIELD = "teacherChange";

    private TeacherChange withdraw(TeacherChange t, String reason, String by) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        int withdrawn = jdbc.sql("update teacher_change set status = 'WITHDRAWN', open_contract_id = null, "
                + "withdrawn_by = ?, withdrawn_at = ?, withdraw_reason = ? where id = ? and status = 'IN_PROGRESS'")
                .params(by, now, reason, t.id()).update();
        if (withdrawn == 0) {
            TeacherChange ended = get(t.id());
            throw new ConflictException(409, "更换教师 " + t.teacherChangeNo() + " " + ended.statusLabel()
                    + "，不能撤销" + (TeacherChange.COMPLETED.equals(ended.status()) ? "；如需再换，请重新申请更换教师" : ""));
        }
        // the proposal for a new teacher not yet confirmed holds its slots: it goes, as a discarded proposal does
        scheduling.closeSchedule(t.opportunityId(), "撤销更换教师（" + t.teacherChangeNo() + "）", by);
        opportunities.note(t.opportunityId(), TimelineEvent.TEACHER_CHANGED, by, t.teacherChangeNo()
                + "：撤销更换教师，剩余 " + t.lessonsToSchedule() + " 节课按原条件重新排课（原教师 " + t.fromTeacherName()
                + " 优先）；原因：" + reason);
        TeacherChange done = get(t.id());
        process.withdrawn(done, contracts.find(t.contractId()).orElseThrow().quoteId(),
                LocalDate.now(clock.withZone(BusinessTime.ZONE)).plusDays(1));
        return done;
    }

    /** The change named as typed (see {@link #withdrawAsTyped}), null with a problem of its field when none is. */
    private TeacherChange changeAsTyped(String typed, InputRules rules) {
        String key = typed == null ? "" : typed.strip().toUpperCase();
        if (key.isEmpty()) {
            rules.problem(CHANGE_FIELD, "必填：更换教师编号（如 HJ000012），或合同编号、家长手机号");
            return null;
        }
        try {
            if (key.matches("HJ\\d{1,12}")) {
                return visible(key);
            }
            InputRules asContract = new InputRules();
            Contract contract = lookup.visible(null, typed, asContract);
            asContract.throwIfAny();
            Optional<String> open = running.number(contract.id());
            if (open.isEmpty()) {
                rules.problem(CHANGE_FIELD, "合同 " + contract.number() + " 没有进行中的更换教师");
                return null;
            }
            return visible(open.get());
        } catch (NotFoundException unknown) {
            rules.problem(CHANGE_FIELD, unknown.getMessage());
        } catch (InvalidInputException unreadable) {
            unreadable.problems().forEach(p -> rules.problem(CHANGE_FIELD, p.message()));
        }
        return null;
    }

    /**
     * 释放原教师课时: the lessons not yet begun are cancelled and their teacher, room and student slots freed; the old
     * schedule is closed, so the next proposal is a new one. A second call releases nothing more.
     */
    @Transactional
    public TeacherChange release(long id, String by) {
        TeacherChange t = get(id);
        int released = scheduling.releaseLessonsAfter(t.opportunityId(), OffsetDateTime.now(clock), by).size();
        scheduling.closeSchedule(t.opportunityId(), "更换教师（" + t.teacherChangeNo() + "）", by);
        jdbc.sql("update teacher_change set lessons_released = lessons_released + ? where id = ?")
                .params(released, id).update();
        return get(id);
    }

    /**
     * 完成更换教师: the new schedule is confirmed; its teacher is recorded and the customer's timeline says who teaches
     * from when. The contract is free for the next change, a refund, a suspension or a transfer. Once: a rerun finds
     * it completed.
     */
    @Transactional
    public TeacherChange complete(long id, long proposalId) {
        TeacherChange t = get(id);
        if (TeacherChange.COMPLETED.equals(t.status())) {
            return t;
        }
        if (TeacherChange.WITHDRAWN.equals(t.status())) {
            // the withdrawal interrupts the scheduling in its own transaction: a confirmation racing it fails here
            throw new ConflictException(409, "更换教师 " + t.teacherChangeNo() + " 已撤销，不能再完成");
        }
        Proposal p = scheduling.find(proposalId).orElseThrow();
        ScheduledLesson first = p.lessons().stream().filter(l -> !"CANCELLED".equals(l.status())).findFirst()
                .orElseThrow(() -> new IllegalStateException("proposal " + proposalId + " has no lesson"));
        jdbc.sql("update teacher_change set status = 'COMPLETED', open_contract_id = null, to_teacher_id = ?, "
                + "completed_at = ? where id = ? and status = 'IN_PROGRESS'")
                .params(first.teacherId(), OffsetDateTime.now(clock), id).update();
        opportunities.note(t.opportunityId(), TimelineEvent.TEACHER_CHANGED, "system", t.teacherChangeNo()
                + "：已更换教师，" + t.fromTeacherName() + " → " + first.teacherName() + "，" + p.lessons().size()
                + " 节课自 " + BusinessTime.shown(first.startsAt()) + " 起；原教师的课已取消 " + t.lessonsReleased() + " 节"
                + (t.preferredTeacherId() == null || t.preferredTeacherId().equals(first.teacherId()) ? ""
                        : "；家长希望的 " + t.preferredTeacherName() + " 在偏好时间排不满，教务确认由 "
                                + first.teacherName() + " 授课"));
        return get(id);
    }

    /** 通知家长: the family's mail naming the new teacher and the first lesson; once per change, whatever reruns. */
    public void notifyFamily(long id, long proposalId) {
        TeacherChange t = get(id);
        FamilyContact family = families.of(t.opportunityId());
        Proposal p = scheduling.find(proposalId).orElseThrow();
        ScheduledLesson first = p.lessons().stream().filter(l -> !"CANCELLED".equals(l.status())).findFirst()
                .orElseThrow();
        notifications.enqueue(t.opportunityId(), "teacher-change:" + t.teacherChangeNo(), "TEACHER_CHANGED",
                family.email(), family.campusName() + "：一对一课程已更换教师（" + t.teacherChangeNo() + "）",
                family.name() + "家长，您好：\n\n按您的要求，" + family.name() + "的一对一" + t.subject() + "课程已更换教师："
                        + "新教师为 " + first.teacherName() + "，共 " + p.lessons().size() + " 节课，首节课 "
                        + BusinessTime.shown(first.startsAt()) + "（" + first.roomName() + "）。课时和费用不变。\n\n"
                        + "如有疑问请联系" + family.campusName() + "。\n\n" + family.campusName());
    }

    /** The teacher change running on the contract, by its number (other features ask {@link RunningTeacherChange}). */
    @Transactional(readOnly = true)
    public Optional<String> runningOn(long contractId) {
        return running.number(contractId);
    }

    /**
     * The teacher the family asks for, as staff typed it (a name, with or without 老师, or the staff id): one of the
     * campus's active teachers of the course at its level other than the teacher left. Anything else is a problem of
     * {@link #PREFERRED_TEACHER_FIELD} that lists who may be asked for; null then.
     */
    private String preferredTeacher(InputRules rules, String typed, CurrentTeacher current, String campus) {
        List<Teacher> others = otherTeachers(campus, current);
        String name = Teacher.nameTyped(typed);
        List<Teacher> matches = others.stream().filter(t -> t.answersTo(typed)).toList();
        if (matches.size() == 1) {
            return matches.get(0).id();
        }
        String course = course(current);
        if (others.isEmpty()) {
            rules.problem(PREFERRED_TEACHER_FIELD, "本校区除原教师外没有教" + course + "，无法指定新教师");
            return null;
        }
        String choices = "可选：" + others.stream().map(t -> t.name() + "（" + t.id() + "）")
                .collect(Collectors.joining("、"));
        if (matches.size() > 1) {
            rules.problem(PREFERRED_TEACHER_FIELD, "有 " + matches.size() + " 位教师叫" + name + "，请填写工号；" + choices);
        } else if (name.equals(current.teacherName()) || typed.equalsIgnoreCase(current.teacherId())) {
            rules.problem(PREFERRED_TEACHER_FIELD, name + "是现在的教师，请选另一位；" + choices);
        } else {
            rules.problem(PREFERRED_TEACHER_FIELD, "“" + InputRules.abbreviate(typed) + "”不是本校区教" + course
                    + "的其他教师；" + choices);
        }
        return null;
    }

    /** The campus's active teachers of the course at its level, other than the teacher left. */
    private List<Teacher> otherTeachers(String campus, CurrentTeacher current) {
        return scheduling.teachersFor(campus, current.subject(), current.grade(), current.teacherLevel()).stream()
                .filter(t -> !t.id().equals(current.teacherId())).toList();
    }

    /** 初二数学的高级教师. */
    private static String course(CurrentTeacher current) {
        return current.grade().label() + current.subject().label() + "的" + current.teacherLevel().label();
    }

    private void refuseWhileBusy(Contract contract) {
        contract.refuseUnlessInForce("更换教师");
        works.refuseWhileRunning(contract, "更换教师", ContractWork.Kind.REFUND, ContractWork.Kind.SUSPENSION,
                ContractWork.Kind.TRANSFER);
        runningOn(contract.id()).ifPresent(no -> {
            throw new ConflictException(409, "合同 " + contract.number() + " 已有进行中的更换教师（" + no
                    + "），请完成后再申请");
        });
    }

    @Transactional(readOnly = true)
    public TeacherChange get(long id) {
        return find(id).orElseThrow(() -> new NotFoundException("更换教师记录不存在：" + id));
    }

    private Optional<TeacherChange> find(long id) {
        return jdbc.sql(SELECT + "where h.id = ?").param(id).query((rs, n) -> row(rs)).optional();
    }

    /** A teacher change of the caller's campuses, by its number (HJ000012) or id; else 404. */
    @Transactional(readOnly = true)
    public TeacherChange visible(String idOrNumber) {
        String key = idOrNumber == null ? "" : idOrNumber.strip().toUpperCase();
        Optional<Long> id = key.matches("\\d{1,18}") ? Optional.of(Long.parseLong(key))
                : jdbc.sql("select id from teacher_change where teacher_change_no = ?").param(key).query(Long.class)
                        .optional();
        return id.flatMap(this::find).filter(t -> scope.current().seesCampus(t.campusCode()))
                .orElseThrow(() -> new NotFoundException("您负责的校区中没有更换教师记录 " + InputRules.abbreviate(key)));
    }

    /** A contract of the caller's campuses: its teacher changes, oldest first; else 404. */
    @Transactional(readOnly = true)
    public List<TeacherChange> forContractVisible(long contractId) {
        lookup.visible(contractId);
        return jdbc.sql(SELECT + "where h.contract_id = ? order by h.id").param(contractId)
                .query((rs, n) -> row(rs)).list();
    }

    private static final String SELECT = "select h.id, h.teacher_change_no, h.contract_id, h.opportunity_id, "
            + "h.campus_code, h.from_teacher_id, f.name from_name, h.to_teacher_id, t.name to_name, h.subject, "
            + "h.teacher_level, h.lessons_released, h.lessons_to_schedule, c.complaint_no, h.status, h.reason, "
            + "h.requested_by, h.requested_at, h.completed_at, h.withdrawn_by, h.withdrawn_at, h.withdraw_reason, "
            + "h.preferred_teacher_id, w.name preferred_name from teacher_change h "
            + "join teacher f on f.id = h.from_teacher_id left join teacher t on t.id = h.to_teacher_id "
            + "left join teacher w on w.id = h.preferred_teacher_id "
            + "left join complaint c on c.id = h.complaint_id ";

    private static TeacherChange row(java.sql.ResultSet rs) throws java.sql.SQLException {
        String status = rs.getString("status");
        return new TeacherChange(rs.getLong("id"), rs.getString("teacher_change_no"), rs.getLong("contract_id"),
                rs.getLong("opportunity_id"), rs.getString("campus_code"), rs.getString("from_teacher_id"),
                rs.getString("from_name"), rs.getString("to_teacher_id"), rs.getString("to_name"),
                Subject.valueOf(rs.getString("subject")).label(),
                TeacherLevel.valueOf(rs.getString("teacher_level")).label(), rs.getInt("lessons_released"),
                rs.getInt("lessons_to_schedule"), rs.getString("complaint_no"), status,
                TeacherChange.statusLabel(status), rs.getString("reason"), rs.getString("requested_by"),
                rs.getObject("requested_at", OffsetDateTime.class), rs.getObject("completed_at", OffsetDateTime.class),
                rs.getString("withdrawn_by"), rs.getObject("withdrawn_at", OffsetDateTime.class),
                rs.getString("withdraw_reason"), rs.getString("preferred_teacher_id"), rs.getString("preferred_name"));
    }
}
