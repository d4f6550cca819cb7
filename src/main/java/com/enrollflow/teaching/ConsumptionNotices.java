package com.enrollflow.teaching;

import java.time.LocalDate;
import java.util.Optional;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.enrollflow.common.RecordRowMapper;
import com.enrollflow.contract.Contract;
import com.enrollflow.contract.ContractService;
import com.enrollflow.notification.NotificationService;
import com.enrollflow.opportunity.Families;
import com.enrollflow.opportunity.FamilyContact;
import com.enrollflow.reference.BusinessTime;
import com.enrollflow.scheduling.PreferredTimes;
import com.enrollflow.scheduling.ProposalText;
import com.enrollflow.scheduling.SchedulingService;

/**
 * 课消通知 (decision 729): the family is mailed each lesson taken off its hours — the lesson, how it was marked and the
 * hours left — so that a deduction it does not agree with (a leave asked too late, an absence) is raised while the
 * lesson is fresh, not at the refund. Sent by 课消后续跟进 after the mark has committed, from the mark as it stands
 * then: a mark corrected meanwhile to one that consumes nothing sends nothing, and the mail of a mark is sent once
 * (its key names the mark), however often the step runs. A family without an e-mail address gets none (the mail is
 * recorded as skipped): these are not worth a phone call each. A correction that gives a lesson back is mailed
 * (课时退回通知) when its deduction was; a class roll call's correction mails only the students whose deduction it
 * changed (decision 730).
 */
@Service
public class ConsumptionNotices {

    private final JdbcClient jdbc;
    private final Attendance attendance;
    private final ContractService contracts;
    private final HoursLedger ledger;
    private final SchedulingService scheduling;
    private final Families families;
    private final NotificationService notifications;

    ConsumptionNotices(JdbcClient jdbc, Attendance attendance, ContractService contracts, HoursLedger ledger,
            SchedulingService scheduling, Families families, NotificationService notifications) {
        this.jdbc = jdbc;
        this.attendance = attendance;
        this.contracts = contracts;
        this.ledger = ledger;
        this.scheduling = scheduling;
        this.families = families;
        this.notifications = notifications;
    }

    /** A 1:1 lesson consumed: its current mark, if it still consumes, is mailed to the family with the hours left. */
    @Transactional
    public void lessonConsumed(long opportunityId, long lessonId) {
        Optional<Attendance.MarkRow> mark = attendance.currentMark(lessonId);
        if (mark.isEmpty() || !mark.get().consumed()) {
            return;
        }
        Contract c = contracts.find(mark.get().contractId()).orElseThrow();
        Shown lesson = shown(opportunityId, lessonId);
        String label = AttendanceStatus.valueOf(mark.get().status()).label();
        mail(opportunityId, consumedKey(mark.get().id()), lesson.day(),
                "的一对一课程（" + lesson.when() + "）已登记为“" + label + "”，扣减 1 课时。\n合同 " + c.number()
                        + " 剩余一对一课时：" + ledger.oneOnOneLeft(c.id()) + " 课时。", "课时扣减通知", "如对本次扣减有疑问");
    }

    /**
     * A correction gave the lesson back: when the family was mailed the deduction of the corrected mark, it is mailed
     * the correction and the hours left — unless the lesson consumes again by now (its own notice says so).
     */
    @Transactional
    public void lessonRestored(long opportunityId, long lessonId, long correctedMarkId) {
        if (!notifications.enqueued(consumedKey(correctedMarkId))) {
            return;
        }
        Optional<Attendance.MarkRow> mark = attendance.currentMark(lessonId);
        if (mark.isEmpty() || mark.get().consumed()) {
            return;
        }
        Attendance.MarkRow corrected = attendance.mark(correctedMarkId);
        Contract c = contracts.find(corrected.contractId()).orElseThrow();
        Shown lesson = shown(opportunityId, lessonId);
        mail(opportunityId, "lesson-restored:" + correctedMarkId, lesson.day(), "的一对一课程（" + lesson.when()
                + "）出勤登记已更正为“" + AttendanceStatus.valueOf(mark.get().status()).label() + "”（原为“"
                + AttendanceStatus.valueOf(corrected.status()).label() + "”），退回 1 课时。\n合同 " + c.number()
                + " 剩余一对一课时：" + ledger.oneOnOneLeft(c.id()) + " 课时。", "课时退回通知", "如有疑问");
    }

    /** The key of a mark's deduction mail: one per mark, and what a later correction looks for. */
    private static String consumedKey(long markId) {
        return "lesson-consumed:" + markId;
    }

    /** A roll call as a family's mail names it, and the student's mark in it (none if not on its roster). */
    record ClassMark(String className, LocalDate heldOn, String version, String status, Integer lineNo,
            boolean consumed) {
    }

    private static final RowMapper<ClassMark> CLASS_MARKS = RecordRowMapper.of(ClassMark.class);

    /** The roll call as it stands now, with the contract's mark in it. */
    private ClassMark classMark(long classSessionId, long contractId) {
        return jdbc.sql("select o.name as class_name, s.held_on, cast(coalesce(s.corrected_at, s.recorded_at) as "
                + "varchar(40)) as version, a.status, a.line_no, coalesce(a.consumed, false) as consumed "
                + "from class_session s join class_offering o on o.code = s.class_code left join class_attendance a "
                + "on a.session_id = s.id and a.contract_id = ? where s.id = ? order by a.consumed desc")
                .params(contractId, classSessionId).query(CLASS_MARKS).list().get(0);
    }

    /** A class lesson consumed at a roll call: the same, with the class and the class's lessons left. */
    @Transactional
    public void classLessonConsumed(long opportunityId, long contractId, long classSessionId) {
        ClassMark m = classMark(classSessionId, contractId);
        if (!m.consumed()) {
            return;
        }
        Contract c = contracts.find(contractId).orElseThrow();
        mail(opportunityId, classConsumedKey(classSessionId, contractId) + m.version(), m.heldOn().toString(),
                "的班课“" + m.className() + "”（" + PreferredTimes.shown(m.heldOn()) + "）已点名为“"
                        + AttendanceStatus.valueOf(m.status()).label() + "”，扣减 1 课时。\n合同 " + c.number()
                        + " 中该班剩余课时：" + ledger.line(contractId, m.lineNo()).remaining() + " 课时。", "课时扣减通知",
                "如对本次扣减有疑问");
    }

    /**
     * A roll call's correction gave the class lesson back: when the family was mailed a deduction of that roll call,
     * it is mailed the correction and the class's lessons left — unless the lesson consumes again by now.
     */
    @Transactional
    public void classLessonRestored(long opportunityId, long contractId, long classSessionId, String previousStatus) {
        if (!notifications.enqueuedUnder(classConsumedKey(classSessionId, contractId))) {
            return;
        }
        ClassMark m = classMark(classSessionId, contractId);
        if (m.consumed()) {
            return;
        }
        Contract c = contracts.find(contractId).orElseThrow();
        String now = m.status() == null ? "点名已更正，不再扣减课时"
                : "点名已更正为“" + AttendanceStatus.valueOf(m.status()).label() + "”";
        // the line the roll call gave back (the student may no longer be on the corrected roll call's roster)
        int left = ledger.lineOfClassSession(contractId, classSessionId).remaining();
        mail(opportunityId, "class-restored:" + classSessionId + ":" + contractId + ":" + m.version(),
                m.heldOn().toString(), "的班课“" + m.className() + "”（" + PreferredTimes.shown(m.heldOn()) + "）" + now
                        + "（原为“" + AttendanceStatus.valueOf(previousStatus).label() + "”），退回 1 课时。\n合同 "
                        + c.number() + " 中该班剩余课时：" + left + " 课时。", "课时退回通知", "如有疑问");
    }

    /** The start of the keys of a contract's deduction mails of one roll call (the roll call's version follows). */
    private static String classConsumedKey(long classSessionId, long contractId) {
        return "class-consumed:" + classSessionId + ":" + contractId + ":";
    }

    private void mail(long opportunityId, String key, String day, String what, String title, String ask) {
        FamilyContact family = families.of(opportunityId);
        notifications.enqueue(opportunityId, key, "LESSON_CONSUMED", family.email(), family.campusName()
                + "：" + title + "（" + day + "）", family.name() + "家长，您好：\n\n" + family.name() + what
                + "\n\n" + ask + "，请联系" + family.campusName() + "。\n\n" + family.campusName());
    }

    /** A lesson as the family knows it (2026-12-07（周一）19:00–20:00，郑凯，一对一教室1) and its day, for the subject. */
    private record Shown(String when, String day) {
    }

    private Shown shown(long opportunityId, long lessonId) {
        return scheduling.liveFor(opportunityId).flatMap(p -> p.lessons().stream().filter(l -> l.id() == lessonId)
                .findFirst()).map(l -> new Shown(ProposalText.when(l), BusinessTime.dateOf(l.startsAt()).toString()))
                .orElse(new Shown("第 " + lessonId + " 号课", "第 " + lessonId + " 号课"));
    }
}
