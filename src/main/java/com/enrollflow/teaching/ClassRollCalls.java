package com.enrollflow.teaching;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.enrollflow.common.ConflictException;
import com.enrollflow.common.InputRules;
import com.enrollflow.common.NotFoundException;
import com.enrollflow.reference.BusinessTime;
import com.enrollflow.reference.CampusScope;
import com.enrollflow.teaching.Classes.ClassInfo;

/**
 * 班课点名 (class roll call, decision 547): a teacher or academic affairs mark one day's class; every student on the
 * class's roster attended unless named as on leave (请假) or absent (缺勤), and each student's class line on their
 * contract is consumed as bpmn/class-consumption.dmn decides. The roster is every contract in force with a class line
 * of the class (bought, or moved in by a 转班) that still has lessons left. One roll call per class and day; all or
 * nothing.
 */
@Service
public class ClassRollCalls {

    /**
     * The start form's fields: 班级, 上课日期, 请假学员, 缺勤学员 (names or contract numbers, 、 or commas between), and
     * 更正原因 when the day's roll call is taken again to correct it.
     */
    public record RollCall(String classOffering, String heldOn, String onLeave, String absent,
            String correctionReason) {
    }

    /** A student on the class's roster: their contract, its class line and the lessons left on it. */
    public record Student(long contractId, String contractNumber, long opportunityId, int lineNo, String name,
            int remaining) {
    }

    /** One student's mark, with the lessons left on the line after it. */
    public record Mark(String contractNumber, String name, AttendanceStatus status, boolean consumed, int remaining) {
    }

    public record Recorded(long sessionId, String classCode, String className, String campusCode, LocalDate heldOn,
            List<Mark> marks, boolean corrected) {

        /** 初二数学寒假班 2026-12-04：出勤 3 人、请假 1 人、缺勤 1 人，课消 4 人次 (更正后：… for a correction). */
        public String summary() {
            Map<AttendanceStatus, Integer> counts = new EnumMap<>(AttendanceStatus.class);
            marks.forEach(m -> counts.merge(m.status(), 1, Integer::sum));
            List<String> parts = new ArrayList<>();
            counts.forEach((status, n) -> parts.add(status.label() + " " + n + " 人"));
            return (corrected ? "更正后：" : "") + className + " " + heldOn + "：" + String.join("、", parts) + "，课消 "
                    + marks.stream().filter(Mark::consumed).count() + " 人次";
        }
    }

    /** A roll call as staff read it: who took it, who corrected it, and how many were marked how. */
    public record RollCallView(LocalDate heldOn, String recordedBy, OffsetDateTime recordedAt, String correctedBy,
            OffsetDateTime correctedAt, String correctionReason, int attended, int onLeave, int absent,
            int consumed) {
    }

    /** A class on a day: its roster, the students suspended that day, and its roll calls, newest first. */
    public record ClassView(String code, String name, String campusCode, LocalDate startsOn, int lessons,
            LocalDate on, List<Student> students, List<String> suspended, List<RollCallView> rollCalls) {
    }

    private record Taken(long id, String by) {
    }

    /** A student's mark in a roll call about to be corrected. */
    private record Marked(long contractId, long opportunityId, String status, boolean consumed) {
    }

    private static final int MAX_NAMES = 500;
    /** A suspension {@code s} holding on the day (the day three times): from its first day to its end or resumption. */
    private static final String SUSPENDED_ON = "s.starts_on <= ? and ? <= s.ends_on "
            + "and (s.resumed_on is null or ? < s.resumed_on)";

    private final JdbcClient jdbc;
    private final HoursLedger ledger;
    private final ClassConsumptionPolicy policy;
    private final CampusScope scope;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final Classes classes;

    ClassRollCalls(JdbcClient jdbc, HoursLedger ledger, ClassConsumptionPolicy policy, CampusScope scope,
            ApplicationEventPublisher events, Clock clock, Classes classes) {
        this.classes = classes;
        this.jdbc = jdbc;
        this.ledger = ledger;
        this.policy = policy;
        this.scope = scope;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Records the roll call. Each refusal names its field ({@code classOffering}, {@code heldOn}, {@code onLeave},
     * {@code absent}, {@code correctionReason}) and stores nothing; a second roll call of the class and day is refused
     * on {@code heldOn} unless it gives a correction reason (decision 548): then its marks replace the first ones,
     * the lessons the first consumed given back first. The families whose lesson a correction gives back are told
     * (课时退回通知), those whose deduction stands are not told again (decision 730). One racing the first roll call of
     * the day gets 409.
     */
    @Transactional
    public Recorded record(RollCall asked, String actor) {
        InputRules rules = new InputRules();
        String classText = rules.required("classOffering", asked.classOffering(), 64);
        LocalDate held = rules.date("heldOn", asked.heldOn(), true);
        String leaveText = rules.optional("onLeave", asked.onLeave(), MAX_NAMES);
        String absentText = rules.optional("absent", asked.absent(), MAX_NAMES);
        String reason = rules.plainText("correctionReason", asked.correctionReason(), 200, false);
        ClassInfo offering = classText == null ? null
                : classes.named(rules, "classOffering", classText, scope.current()::seesCampus, "您负责的校区");
        LocalDate day = held == null ? null : day(rules, held, offering);
        rules.throwIfAny();
        if (offering == null || day == null) {
            throw new IllegalStateException("checked above");
        }
        // a correction queues on the day's roll call, so two corrections give back its lessons once
        Optional<Taken> taken = jdbc.sql("select id, recorded_by, recorded_at from class_session where class_code = ? "
                + "and held_on = ? for update").params(offering.code(), day).query((rs, n) -> new Taken(rs.getLong(1),
                        rs.getString(2) + "，" + BusinessTime.shown(rs.getObject(3, OffsetDateTime.class)))).optional();
        if (taken.isPresent() && reason == null) {
            rules.problem("heldOn", offering.name() + " " + day + " 已点名（" + taken.get().by()
                    + "），不能重复点名；要更正请填写更正原因");
        }
        if (taken.isEmpty() && reason != null) {
            rules.problem("correctionReason", offering.name() + " " + day + " 还没有点名，无需更正");
        }
        rules.throwIfAny();
        OffsetDateTime now = OffsetDateTime.now(clock);
        Map<Long, Marked> before = taken.map(first -> marked(first.id())).orElse(Map.of());
        taken.ifPresent(first -> giveBack(first.id(), actor));
        List<Student> roster = roster(offering.code(), day);
        if (roster.isEmpty()) {
            rules.problem("classOffering", offering.name() + "（" + offering.code() + "）这天没有在读且有剩余课时的学员");
            rules.throwIfAny();
        }
        Map<Student, AttendanceStatus> marks = new LinkedHashMap<>();
        roster.forEach(s -> marks.put(s, AttendanceStatus.ATTENDED));
        Map<String, String> suspended = suspended(offering.code(), day);
        for (Student s : named(rules, "onLeave", leaveText, roster, suspended, offering)) {
            marks.put(s, AttendanceStatus.LEAVE);
        }
        for (Student s : named(rules, "absent", absentText, roster, suspended, offering)) {
            if (marks.get(s) == AttendanceStatus.LEAVE) {
                rules.problem("absent", s.name() + "（" + s.contractNumber() + "）已填在请假学员中");
            }
            marks.put(s, AttendanceStatus.ABSENT);
        }
        rules.throwIfAny();

        long sessionId;
        if (taken.isPresent()) {
            sessionId = taken.get().id();
            jdbc.sql("update class_session set corrected_by = ?, corrected_at = ?, correction_reason = ? where id = ?")
                    .params(actor, now, reason, sessionId).update();
        } else {
            KeyHolder keys = new GeneratedKeyHolder();
            try {
                jdbc.sql("insert into class_session (class_code, campus_code, held_on, recorded_by, recorded_at) "
                        + "values (?, ?, ?, ?, ?)").params(offering.code(), offering.campusCode(), day, actor, now)
                        .update(keys, "id");
            } catch (DuplicateKeyException e) {
                throw new ConflictException(409, offering.name() + " " + day + " 刚刚已由他人点名，请刷新后查看");
            }
            sessionId = keys.getKey().longValue();
        }
        List<Mark> recorded = new ArrayList<>();
        // the table is read once per status, not once per student
        Map<AttendanceStatus, Boolean> consumes = new EnumMap<>(AttendanceStatus.class);
        Set<Long> consumedNow = new HashSet<>();
        for (Map.Entry<Student, AttendanceStatus> e : marks.entrySet()) {
            Student s = e.getKey();
            boolean consumed = consumes.computeIfAbsent(e.getValue(), policy::consumed);
            int remaining = consumed ? consume(s, sessionId, actor) : s.remaining();
            jdbc.sql("insert into class_attendance (session_id, contract_id, line_no, status, consumed) "
                    + "values (?, ?, ?, ?, ?)").params(sessionId, s.contractId(), s.lineNo(), e.getValue().name(),
                            consumed).update();
            recorded.add(new Mark(s.contractNumber(), s.name(), e.getValue(), consumed, remaining));
            Marked was = before.get(s.contractId());
            // a student the corrected roll call had consumed already: the hours did not change, nothing to tell
            if (consumed && consumedNow.add(s.contractId()) && (was == null || !was.consumed())) {
                events.publishEvent(new ClassLessonConsumed(s.contractId(), s.opportunityId(), sessionId));
            }
        }
        // a lesson the corrected roll call consumed and this one does not was given back: its family is told
        before.values().stream().filter(was -> was.consumed() && !consumedNow.contains(was.contractId()))
                .forEach(was -> events.publishEvent(new ClassLessonRestored(was.contractId(), was.opportunityId(),
                        sessionId, was.status())));
        return new Recorded(sessionId, offering.code(), offering.name(), offering.campusCode(), day, recorded,
                taken.isPresent());
    }

    /**
     * One student's class lesson consumed. Its line was read with lessons left; a 转班 or a refund committed since
     * took them away, so the roll call is refused (409) naming the student, for it to be taken again on the roster as
     * it is now.
     */
    private int consume(Student s, long sessionId, String actor) {
        try {
            return ledger.consumeClass(s.contractId(), s.lineNo(), sessionId, actor).remaining();
        } catch (ConflictException gone) {
            throw new ConflictException(409, s.name() + "（" + s.contractNumber() + "）的班课课时刚刚转班或退费，"
                    + "不在这个班的名单中了；请重新点名");
        }
    }

    /**
     * The class by its code, as the caller's campuses let them see it (404 otherwise): its roster on the day, who is
     * suspended that day, and its roll calls.
     */
    @Transactional
    public ClassView view(String code, LocalDate on) {
        ClassInfo offering = classes.find(code)
                .filter(c -> scope.current().seesCampus(c.campusCode()))
                .orElseThrow(() -> new NotFoundException("您负责的校区中没有班级 " + code));
        List<RollCallView> rollCalls = jdbc.sql("select s.held_on, s.recorded_by, s.recorded_at, s.corrected_by, "
                + "s.corrected_at, s.correction_reason, "
                + "sum(case when a.status = 'ATTENDED' then 1 else 0 end), "
                + "sum(case when a.status = 'LEAVE' then 1 else 0 end), "
                + "sum(case when a.status = 'ABSENT' then 1 else 0 end), "
                + "sum(case when a.consumed then 1 else 0 end) from class_session s "
                + "left join class_attendance a on a.session_id = s.id where s.class_code = ? "
                + "group by s.id, s.held_on, s.recorded_by, s.recorded_at, s.corrected_by, s.corrected_at, "
                + "s.correction_reason order by s.held_on desc").param(code)
                .query((rs, n) -> new RollCallView(rs.getObject(1, LocalDate.class), rs.getString(2),
                        rs.getObject(3, OffsetDateTime.class), rs.getString(4), rs.getObject(5, OffsetDateTime.class),
                        rs.getString(6), rs.getInt(7), rs.getInt(8), rs.getInt(9), rs.getInt(10))).list();
        return new ClassView(offering.code(), offering.name(), offering.campusCode(), offering.startsOn(),
                offering.lessons(), on, roster(code, on), suspended(code, on).values().stream().distinct().toList(),
                rollCalls);
    }

    /** The marks of a roll call by contract, read before its correction gives its lessons back and forgets them. */
    private Map<Long, Marked> marked(long sessionId) {
        Map<Long, Marked> marks = new LinkedHashMap<>();
        jdbc.sql("select a.contract_id, c.opportunity_id, a.status, a.consumed from class_attendance a "
                + "join contract c on c.id = a.contract_id where a.session_id = ? order by a.contract_id")
                .param(sessionId).query((rs, n) -> new Marked(rs.getLong(1), rs.getLong(2), rs.getString(3),
                        rs.getBoolean(4))).list().forEach(m -> marks.put(m.contractId(), m));
        return marks;
    }

    /**
     * Gives back the lessons a roll call consumed and forgets its marks, for its correction to mark again. A lesson
     * since refunded or transferred out of the contract cannot come back: the correction is refused (409), naming the
     * student. Each contract is locked first, as a refund locks it, so a refund computed at the same moment sees the
     * lesson either consumed or given back, never half.
     */
    private void giveBack(long sessionId, String actor) {
        List<long[]> consumed = jdbc.sql("select contract_id, line_no from class_attendance where session_id = ? "
                + "and consumed = true order by contract_id").param(sessionId)
                .query((rs, n) -> new long[] {rs.getLong(1), rs.getInt(2)}).list();
        for (long[] line : consumed) {
            jdbc.sql("select id from contract where id = ? for update").param(line[0]).query(Long.class).single();
            boolean gone = jdbc.sql("select count(*) from contract c join hours_ledger h on h.contract_id = c.id "
                    + "where c.id = ? and h.line_no = ? and (c.status not in ('ISSUED', 'PARTIALLY_REFUNDED') "
                    + "or h.refunded + h.transferred_out > 0)").params(line[0], (int) line[1]).query(Integer.class)
                    .single() > 0;
            if (gone) {
                throw new ConflictException(409, jdbc.sql("select cu.name || '（' || c.number || '）' from contract c "
                        + "join customer cu on cu.id = c.customer_id where c.id = ?").param(line[0])
                        .query(String.class).single() + "的班课课时已退费或转出，这次点名不能再更正");
            }
            ledger.restoreClass(line[0], (int) line[1], sessionId, actor);
        }
        jdbc.sql("delete from class_attendance where session_id = ?").param(sessionId).update();
    }

    /**
     * The class's students on the day: contracts in force (已签发, 部分退费) with a class line of the class (bought, or
     * moved in by a 转班) that has lessons left, and not suspended that day (停课: their lessons are frozen). A contract
     * signed after the day, or a line moved in by a 转班 after it, was not in the class then: a roll call taken late
     * for an earlier day must not consume a lesson of a class the student had not joined (decision 589). Contracts
     * that bought the class are opened first, as every use of the ledger does.
     */
    public List<Student> roster(String classCode, LocalDate day) {
        openBuyers(classCode);
        OffsetDateTime dayEnd = day.plusDays(1).atStartOfDay(BusinessTime.ZONE).toOffsetDateTime();
        return students(classCode, "and c.issued_at < ? and not exists (select 1 from hours_entry e where "
                + "e.contract_id = h.contract_id and e.line_no = h.line_no and e.kind = 'TRANSFERRED_IN' and e.at >= ?) "
                + "and not exists (select 1 from suspension s where s.contract_id = c.id and " + SUSPENDED_ON + ") ",
                dayEnd, dayEnd, day, day, day);
    }

    /** Every student of the class with lessons left, suspended or not (调整班级 tells them all). */
    public List<Student> enrolled(String classCode) {
        openBuyers(classCode);
        return students(classCode, "");
    }

    private List<Student> students(String classCode, String condition, Object... days) {
        List<Object> params = new java.util.ArrayList<>(List.of(classCode));
        params.addAll(List.of(days));
        return jdbc.sql("select c.id, c.number, c.opportunity_id, cu.name, h.line_no, h.purchased + h.gifted "
                + "+ h.transferred_in - h.consumed - h.transferred_out - h.refunded as remaining from contract c "
                + "join hours_ledger h on h.contract_id = c.id and h.class_code = ? "
                + "join customer cu on cu.id = c.customer_id where c.status in ('ISSUED', 'PARTIALLY_REFUNDED') "
                + condition + "order by c.id, h.line_no").params(params)
                .query((rs, n) -> new Student(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getInt(5),
                        rs.getString(4), rs.getInt(6)))
                .list().stream().filter(s -> s.remaining() > 0).toList();
    }

    /**
     * The ledgers of the contracts in force whose quote bought the class, opened if this is their first use, and
     * their class lines named if a node of the release before opened them (during a rolling upgrade).
     */
    private void openBuyers(String classCode) {
        jdbc.sql("select c.id from contract c join quote_line q on q.quote_id = c.quote_id where q.kind = 'CLASS' "
                + "and q.item_code = ? and c.status in ('ISSUED', 'PARTIALLY_REFUNDED') and not exists (select 1 "
                + "from hours_ledger h where h.contract_id = c.id) order by c.id").param(classCode).query(Long.class)
                .list().forEach(ledger::accounts);
        ledger.nameClasses("contract_id in (select c.id from contract c join quote_line q on q.quote_id = c.quote_id "
                + "where q.kind = 'CLASS' and q.item_code = ?)", classCode);
    }

    /**
     * The class's students suspended on the day, by contract number and by name: 王小明 停课中（2026-12-01 至 …）. Read
     * after {@link #roster}, which opened and named the class's lines.
     */
    private Map<String, String> suspended(String classCode, LocalDate day) {
        Map<String, String> byName = new LinkedHashMap<>();
        jdbc.sql("select c.number, cu.name, s.starts_on, s.ends_on from contract c join hours_ledger h on "
                + "h.contract_id = c.id and h.class_code = ? and h.purchased + h.gifted + h.transferred_in "
                + "- h.consumed - h.transferred_out - h.refunded > 0 join customer cu on cu.id = c.customer_id "
                + "join suspension s on s.contract_id = c.id and " + SUSPENDED_ON).params(classCode, day, day, day)
                .query((rs, n) -> {
                    String said = rs.getString(2) + "（" + rs.getString(1) + "）停课中（" + rs.getObject(3, LocalDate.class)
                            + " 至 " + rs.getObject(4, LocalDate.class) + "），不在这天的点名名单中";
                    byName.putIfAbsent(rs.getString(1).toUpperCase(java.util.Locale.ROOT), said);
                    byName.putIfAbsent(rs.getString(2), said);
                    return said;
                }).list();
        return byName;
    }

    /** The day of a roll call: not ahead, not before the class began; null (and a problem) otherwise. */
    private LocalDate day(InputRules rules, LocalDate day, ClassInfo offering) {
        if (day.isAfter(LocalDate.now(clock.withZone(BusinessTime.ZONE)))) {
            rules.problem("heldOn", "不能为还没到的日期点名");
            return null;
        }
        if (offering != null && day.isBefore(offering.startsOn())) {
            rules.problem("heldOn", offering.name() + "于 " + offering.startsOn() + " 开课，此前没有课");
            return null;
        }
        return day;
    }

    /** The roster's students a field names, by contract number or name; each unknown or ambiguous one a problem. */
    private static List<Student> named(InputRules rules, String field, String text, List<Student> roster,
            Map<String, String> suspended, ClassInfo offering) {
        List<Student> found = new ArrayList<>();
        for (String given : text == null ? new String[0] : text.strip().split("[,，、;；\\s]+")) {
            if (given.isEmpty()) {
                continue;
            }
            List<Student> matches = roster.stream().filter(s -> s.contractNumber().equalsIgnoreCase(given)
                    || s.name().equals(given)).toList();
            if (matches.size() == 1) {
                if (!found.contains(matches.get(0))) {
                    found.add(matches.get(0));
                }
            } else if (matches.isEmpty() && (suspended.containsKey(given)
                    || suspended.containsKey(given.toUpperCase(java.util.Locale.ROOT)))) {
                rules.problem(field, suspended.getOrDefault(given, suspended.get(given.toUpperCase(
                        java.util.Locale.ROOT))));
            } else if (matches.isEmpty()) {
                rules.problem(field, "“" + given + "”不在" + offering.name() + "的在读名单中（在读：" + String.join("、",
                        roster.stream().map(Student::name).distinct().toList()) + "）");
            } else {
                rules.problem(field, "有多位学员名为“" + given + "”，请填写合同编号（" + String.join("、",
                        matches.stream().map(Student::contractNumber).toList()) + "）");
            }
        }
        return found;
    }
}
