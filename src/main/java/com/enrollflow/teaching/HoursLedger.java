package com.enrollflow.teaching;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.enrollflow.common.ConflictException;
import com.enrollflow.common.InputRules;
import com.enrollflow.common.RecordRowMapper;
import com.enrollflow.common.Upserts;
import com.enrollflow.contract.HoursLedgers;
import com.enrollflow.contract.HoursLine;

/**
 * The hours ledger (课时台账) of each contract: one account per contract line, opened from the contract's quote the
 * first time it is needed. Every change is one conditional UPDATE of the line (the row lock orders concurrent
 * changes, the WHERE re-checks what is left) plus one append-only entry; the table's checks are the invariants
 * (V11): nothing negative, consumed ≤ purchased + gifted + transferred in, remaining ≥ 0.
 */
@Service
public class HoursLedger implements HoursLedgers {

    /** A line of a contract and what it holds now; {@code classCode} names a CLASS line's class. */
    public record Line(long contractId, int lineNo, String kind, String description, int purchased, int gifted,
            int consumed, int rebooked, int transferredIn, int transferredOut, int refunded, BigDecimal finalAmount,
            String classCode) {

        public int remaining() {
            return purchased + gifted + transferredIn - consumed - transferredOut - refunded;
        }

        /** The lessons the line's final price paid for: bought, or moved in by a transfer (gifted ones are free). */
        public int basis() {
            return purchased + transferredIn;
        }
    }

    /** A transfer's move (转课): the bought lessons taken off the old lines, their value, and the new line. */
    public record Moved(int lessons, BigDecimal valueOut, int newLineNo, String fromCourse) {
    }

    static final Map<String, String> KIND_LABELS = Map.of("LESSONS", "一对一课时", "CLASS", "班课", "GIFT", "赠送课时");

    private static final String COLUMNS = "contract_id, line_no, kind, description, purchased, gifted, consumed, "
            + "rebooked, transferred_in, transferred_out, refunded, final_amount, class_code";
    private static final String REMAINING = "purchased + gifted + transferred_in - consumed - transferred_out - refunded";

    private static final RowMapper<Line> LINES = RecordRowMapper.of(Line.class);

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Upserts upserts;

    HoursLedger(JdbcClient jdbc, Clock clock, Upserts upserts) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.upserts = upserts;
    }

    @Override
    @Transactional
    public List<HoursLine> lines(long contractId) {
        return accounts(contractId).stream().map(l -> new HoursLine(l.lineNo(), l.kind(), KIND_LABELS.get(l.kind()),
                l.description(), l.purchased(), l.gifted(), l.consumed(), l.rebooked(), l.transferredIn(),
                l.transferredOut(), l.refunded(), l.remaining(), l.finalAmount())).toList();
    }

    /** The contract's lines, opened from its quote if this is the first time. */
    @Transactional
    public List<Line> accounts(long contractId) {
        open(contractId);
        List<Line> lines = read(contractId);
        if (lines.stream().anyMatch(l -> "CLASS".equals(l.kind()) && l.classCode() == null)) {
            // opened by a node of the release before V69, during a rolling upgrade
            nameClasses("contract_id = ?", contractId);
            lines = read(contractId);
        }
        return lines;
    }

    private List<Line> read(long contractId) {
        return jdbc.sql("select " + COLUMNS + " from hours_ledger where contract_id = ? order by line_no")
                .param(contractId).query(LINES).list();
    }

    /**
     * Names the class of the class lines opened without it (by a node of the release before V69, during a rolling
     * upgrade) on the contracts {@code contractCondition} selects: the class their quote line sold.
     */
    void nameClasses(String contractCondition, Object value) {
        jdbc.sql("update hours_ledger set class_code = (select q.item_code from contract c join quote_line q on "
                + "q.quote_id = c.quote_id and q.line_no = hours_ledger.line_no where c.id = hours_ledger.contract_id) "
                + "where kind = 'CLASS' and class_code is null and " + contractCondition).param(value).update();
    }

    /**
     * Opens the contract's lines from its quote, once: the contract row is locked first, so two first uses at the
     * same moment open it once. On H2 a second first use has still been seen inserting after the first (four roll
     * calls of one class at once, the lines' primary key refusing it with a 500): the insert runs in a savepoint, and a
     * refusal by the key means the other opened the lines. A contract that does not exist opens nothing.
     */
    void open(long contractId) {
        if (openLines(contractId) > 0) {
            return;
        }
        if (jdbc.sql("select id from contract where id = ? for update").param(contractId).query(Long.class).optional()
                .isEmpty()) {
            return;
        }
        upserts.upsert(() -> openLines(contractId), () -> openFromQuote(contractId));
    }

    private int openLines(long contractId) {
        return jdbc.sql("select count(*) from hours_ledger where contract_id = ?").param(contractId)
                .query(Integer.class).single();
    }

    private void openFromQuote(long contractId) {
        int opened = jdbc.sql("insert into hours_ledger (contract_id, line_no, kind, class_code, description, "
                + "purchased, final_amount) select c.id, l.line_no, l.kind, case when l.kind = 'CLASS' then "
                + "l.item_code end, l.description, l.lessons, l.final_amount "
                + "from contract c join quote_line l on l.quote_id = c.quote_id where c.id = ?")
                .param(contractId).update();
        if (opened > 0) {
            jdbc.sql("insert into hours_entry (contract_id, line_no, kind, lessons, actor, at) select contract_id, "
                    + "line_no, 'OPENED', purchased, 'system', ? from hours_ledger where contract_id = ?")
                    .params(OffsetDateTime.now(clock), contractId).update();
        }
    }

    /**
     * One lesson consumed from the contract's 1:1 lines: bought lessons before gifted ones, the first line with
     * something left. Refused (409) when nothing is left: the database would refuse it too.
     */
    @Transactional
    public Line consumeOne(long contractId, Long lessonId, String actor) {
        open(contractId);
        for (Line line : jdbc.sql("select " + COLUMNS + " from hours_ledger where contract_id = ? and kind in "
                + "('LESSONS', 'GIFT') order by case when kind = 'GIFT' then 1 else 0 end, line_no")
                .param(contractId).query(LINES).list()) {
            int changed = jdbc.sql("update hours_ledger set consumed = consumed + 1 where contract_id = ? "
                    + "and line_no = ? and " + REMAINING + " > 0").params(contractId, line.lineNo()).update();
            if (changed == 1) {
                entry(contractId, line.lineNo(), "CONSUMED", 1, lessonId, actor);
                return line(contractId, line.lineNo());
            }
        }
        throw new ConflictException(409, "合同的一对一课时已全部用完（剩余 0 课时），这节课无法课消；请先续费或调整课时");
    }

    /** A consumption taken back (a corrected attendance): the lesson returns to the line it was taken from. */
    @Transactional
    public Line restoreOne(long contractId, int lineNo, Long lessonId, String actor) {
        int changed = jdbc.sql("update hours_ledger set consumed = consumed - 1 where contract_id = ? and line_no = ? "
                + "and consumed > 0").params(contractId, lineNo).update();
        if (changed != 1) {
            throw new IllegalStateException("contract " + contractId + " line " + lineNo + " has nothing consumed");
        }
        entry(contractId, lineNo, "RESTORED", -1, lessonId, actor);
        return line(contractId, lineNo);
    }

    /** A lesson not consumed and to be taught again (补课): counted on the contract's first 1:1 line. */
    @Transactional
    public void rebooked(long contractId, Long lessonId, String actor) {
        open(contractId);
        Integer lineNo = jdbc.sql("select min(line_no) from hours_ledger where contract_id = ? and kind in "
                + "('LESSONS', 'GIFT')").param(contractId).query(Integer.class).optional().orElse(null);
        if (lineNo == null) {
            return;
        }
        jdbc.sql("update hours_ledger set rebooked = rebooked + 1 where contract_id = ? and line_no = ?")
                .params(contractId, lineNo).update();
        entry(contractId, lineNo, "REBOOKED", 1, lessonId, actor);
    }

    /**
     * A 补课 no longer owed: the lesson's mark that sent it back (教师缺课, 请假 in time) was corrected. Takes back what
     * {@link #rebooked} counted, on the same line; never below zero.
     */
    @Transactional
    public void rebookWithdrawn(long contractId, Long lessonId, String actor) {
        Integer lineNo = jdbc.sql("select min(line_no) from hours_ledger where contract_id = ? and kind in "
                + "('LESSONS', 'GIFT') and rebooked > 0").param(contractId).query(Integer.class).optional()
                .orElse(null);
        if (lineNo == null) {
            return;
        }
        jdbc.sql("update hours_ledger set rebooked = rebooked - 1 where contract_id = ? and line_no = ?")
                .params(contractId, lineNo).update();
        entry(contractId, lineNo, "REBOOK_WITHDRAWN", -1, lessonId, actor);
    }

    /**
     * 退费: what remains on every line of the contract is refunded (gifted lessons too: they lapse, never paid out).
     * The lines are locked first, so a mark at the same moment either consumes before or finds nothing left. Returns
     * the lessons taken off; a second call takes nothing more.
     */
    @Transactional
    public int refundRemaining(long contractId, String actor) {
        lock(contractId);
        int total = 0;
        for (Line line : accounts(contractId)) {
            int left = line.remaining();
            if (left > 0 && jdbc.sql("update hours_ledger set refunded = refunded + ? where contract_id = ? "
                    + "and line_no = ? and " + REMAINING + " = ?").params(left, contractId, line.lineNo(), left)
                    .update() == 1) {
                entry(contractId, line.lineNo(), "REFUNDED", left, null, actor);
                total += left;
            }
        }
        return total;
    }

    /**
     * 退班 (decision 574): what remains on one class line is refunded; the contract's other lines go on. The lines are
     * locked first, so a roll call at the same moment either consumes before or finds the student gone from the class.
     * Returns the lessons taken off; a second call takes nothing more.
     */
    @Transactional
    public int refundLine(long contractId, int lineNo, String actor) {
        lock(contractId);
        int left = line(contractId, lineNo).remaining();
        if (left > 0 && jdbc.sql("update hours_ledger set refunded = refunded + ? where contract_id = ? "
                + "and line_no = ? and " + REMAINING + " = ?").params(left, contractId, lineNo, left).update() == 1) {
            entry(contractId, lineNo, "REFUNDED", left, null, actor);
            return left;
        }
        return 0;
    }

    /**
     * 退部分课时 (decision 579): {@code lessons} of a 1:1 line are refunded, the rest go on. The lines are locked first,
     * so a mark at the same moment either consumes before or finds the lessons gone. The caller runs it once (the
     * refund records that it did, in the same transaction); refused (409) when the line has fewer left.
     */
    @Transactional
    public void refundSome(long contractId, int lineNo, int lessons, String actor) {
        lock(contractId);
        if (jdbc.sql("update hours_ledger set refunded = refunded + ? where contract_id = ? and line_no = ? and "
                + REMAINING + " >= ?").params(lessons, contractId, lineNo, lessons).update() != 1) {
            throw new ConflictException(409, "课时账第 " + lineNo + " 行剩余课时不足 " + lessons + " 课时");
        }
        entry(contractId, lineNo, "REFUNDED", lessons, null, actor);
    }

    /** A ledger line's kind as staff read it (一对一课时, 班课, 赠送课时). */
    public static String kindLabel(String kind) {
        return KIND_LABELS.getOrDefault(kind, kind);
    }

    /**
     * What the next {@code lessons} of a line are worth at its price, counted as {@link #valueLeft} counts (a
     * 退部分课时 gives them back).
     */
    public static BigDecimal valueOfNext(Line l, int lessons) {
        int awayBefore = l.transferredOut() + l.refunded();
        return LessonValue.of(l.kind(), l.finalAmount(), l.basis(), awayBefore + lessons)
                .subtract(LessonValue.of(l.kind(), l.finalAmount(), l.basis(), awayBefore));
    }

    /**
     * What the lessons left on a line are worth at its price, counted as a transfer counts the lessons it moves: the
     * value of everything moved away after them minus the value of everything moved away before (refunds included),
     * each rounded once, so that a line's moves never add up to more than its price.
     */
    public static BigDecimal valueLeft(Line l) {
        int awayBefore = l.transferredOut() + l.refunded();
        return LessonValue.of(l.kind(), l.finalAmount(), l.basis(), awayBefore + l.remaining())
                .subtract(LessonValue.of(l.kind(), l.finalAmount(), l.basis(), awayBefore));
    }

    /**
     * What the family's lessons on a line are worth while it stands: its price less what was moved or refunded away
     * from it (consumed lessons and those still to come both count).
     */
    public static BigDecimal valueHeld(Line l) {
        return l.finalAmount().subtract(LessonValue.of(l.kind(), l.finalAmount(), l.basis(),
                l.transferredOut() + l.refunded()));
    }

    /** The 1:1 lessons left on the lines (bought and gifted, not a class's): what a schedule may still hold. */
    public static int oneOnOneLeft(List<Line> lines) {
        return lines.stream().filter(l -> !"CLASS".equals(l.kind())).mapToInt(Line::remaining).sum();
    }

    /** The contract's 1:1 lessons consumed so far (its lesson and gift lines), as this transaction sees them. */
    public int oneOnOneConsumed(long contractId) {
        return jdbc.sql("select coalesce(sum(consumed), 0) from hours_ledger where contract_id = ? "
                + "and kind in ('LESSONS', 'GIFT')").param(contractId).query(Integer.class).single();
    }

    /** {@link #oneOnOneLeft(List)} of the contract's lines, opened if this is their first use. */
    @Transactional
    public int oneOnOneLeft(long contractId) {
        return oneOnOneLeft(accounts(contractId));
    }

    /** The contract's class lines that still have lessons left. */
    public static List<Line> classesWithLessons(List<Line> lines) {
        return lines.stream().filter(l -> "CLASS".equals(l.kind()) && l.remaining() > 0).toList();
    }

    /**
     * The class line a student leaves (转班, 退班): the one {@code given} names (class code, or the class's name as the
     * line reads), or the only one with lessons left when nothing is given; else a problem of {@code field} and null.
     * {@code whenBlank} is the problem when nothing is given and several classes have lessons left. None with lessons
     * left is no field's problem: null.
     */
    public static Line classLine(InputRules rules, String field, List<Line> inClasses, String given,
            String whenBlank) {
        if (given == null) {
            if (inClasses.size() > 1) {
                rules.problem(field, whenBlank + "（" + String.join("、", inClasses.stream().map(Line::classCode)
                        .toList()) + "）");
                return null;
            }
            return inClasses.isEmpty() ? null : inClasses.get(0);
        }
        List<Line> named = inClasses.stream().filter(l -> l.classCode().equalsIgnoreCase(given)
                || l.description().equals(given) || l.description().equals("转班转入：" + given)).toList();
        if (named.size() != 1) {
            rules.problem(field, named.isEmpty() ? "合同中没有还有课时的班级“" + InputRules.abbreviate(given) + "”"
                    + (inClasses.isEmpty() ? "" : "（有：" + String.join("、", inClasses.stream()
                            .map(Line::classCode).toList()) + "）") : "请填写班级编号");
            return null;
        }
        return named.get(0);
    }

    /**
     * 转课: every bought 1:1 lesson still left moves to a new line of the new course, whose final price is
     * {@code valueIn}. Each old line gives up its remaining lessons ({@code transferred_out}) and their value, counted
     * so that a line's moves and consumption never add up to more than its final price: the value out is the line's
     * value of everything moved after this move minus the value of everything moved before it, each rounded once.
     * The lines are locked first: a mark at the same moment either consumes before or from the new line. Gifted lines
     * stay as they are (they serve the new course too). Refused (409) when no bought lesson is left.
     */
    @Transactional
    public Moved transferOut(long contractId, String newCourse, IntFunction<BigDecimal> priceOfLessons,
            String actor) {
        lock(contractId);
        List<Line> lines = accounts(contractId).stream().filter(l -> "LESSONS".equals(l.kind()) && l.remaining() > 0)
                .toList();
        if (lines.isEmpty()) {
            throw new ConflictException(409, "合同没有剩余的一对一课时，无法转课");
        }
        return move(contractId, lines, "LESSONS", null, newCourse, priceOfLessons, actor);
    }

    /**
     * 转班 (decision 550): what is left on one class line moves to a new class line of {@code toClass}, counted as
     * {@link #transferOut} counts it. The lines are locked first, so a roll call at the same moment either consumes
     * before or finds the student in the new class. Refused (409) when the line has nothing left.
     */
    @Transactional
    public Moved transferClass(long contractId, int lineNo, String toClass, String newCourse,
            IntFunction<BigDecimal> priceOfLessons, String actor) {
        lock(contractId);
        Line line = line(contractId, lineNo);
        if (!"CLASS".equals(line.kind()) || line.remaining() == 0) {
            throw new ConflictException(409, "合同的这个班级没有剩余课时，无法转班");
        }
        return move(contractId, List.of(line), "CLASS", toClass, newCourse, priceOfLessons, actor);
    }

    /** The contract's lines opened and locked, so that no change of another transaction comes between. */
    private void lock(long contractId) {
        open(contractId);
        jdbc.sql("select line_no from hours_ledger where contract_id = ? for update").param(contractId)
                .query(Integer.class).list();
    }

    /** The remaining lessons of {@code lines} moved out, into one new line of {@code kind} worth their new price. */
    private Moved move(long contractId, List<Line> lines, String kind, String classCode, String newCourse,
            IntFunction<BigDecimal> priceOfLessons, String actor) {
        int lessons = 0;
        BigDecimal valueOut = BigDecimal.ZERO.setScale(2);
        StringBuilder from = new StringBuilder();
        for (Line l : lines) {
            int left = l.remaining();
            int outBefore = l.transferredOut();
            BigDecimal value = LessonValue.of(l.kind(), l.finalAmount(), l.basis(), outBefore + left)
                    .subtract(LessonValue.of(l.kind(), l.finalAmount(), l.basis(), outBefore));
            if (jdbc.sql("update hours_ledger set transferred_out = transferred_out + ? where contract_id = ? "
                    + "and line_no = ? and " + REMAINING + " = ?").params(left, contractId, l.lineNo(), left)
                    .update() != 1) {
                throw new IllegalStateException("contract " + contractId + " line " + l.lineNo() + " changed under lock");
            }
            entry(contractId, l.lineNo(), "TRANSFERRED_OUT", left, null, actor);
            lessons += left;
            valueOut = valueOut.add(value);
            from.append(from.isEmpty() ? "" : "；").append(l.description());
        }
        BigDecimal valueIn = priceOfLessons.apply(lessons);
        int newLine = jdbc.sql("select max(line_no) from hours_ledger where contract_id = ?").param(contractId)
                .query(Integer.class).single() + 1;
        jdbc.sql("insert into hours_ledger (contract_id, line_no, kind, class_code, description, purchased, "
                + "transferred_in, final_amount) values (?, ?, ?, ?, ?, 0, ?, ?)")
                .params(contractId, newLine, kind, classCode, newCourse, lessons, valueIn).update();
        entry(contractId, newLine, "TRANSFERRED_IN", lessons, null, actor);
        return new Moved(lessons, valueOut, newLine, from.toString());
    }

    /** The class line a roll call consumed or gave back for the contract (its latest entry of that roll call). */
    public Line lineOfClassSession(long contractId, long classSessionId) {
        return line(contractId, jdbc.sql("select line_no from hours_entry where contract_id = ? "
                + "and class_session_id = ? order by id desc").params(contractId, classSessionId)
                .query(Integer.class).list().get(0));
    }

    /**
     * 赠送课时: a GIFT line of its own with {@code lessons} gifted lessons (worth nothing: never refunded, consumed after
     * the bought ones). Returns the new line's number.
     */
    @Transactional
    public int gift(long contractId, int lessons, String description, String actor) {
        lock(contractId);
        int lineNo = jdbc.sql("select coalesce(max(line_no), 0) from hours_ledger where contract_id = ?")
                .param(contractId).query(Integer.class).single() + 1;
        jdbc.sql("insert into hours_ledger (contract_id, line_no, kind, description, purchased, gifted, final_amount) "
                + "values (?, ?, 'GIFT', ?, 0, ?, 0)").params(contractId, lineNo, description, lessons).update();
        entry(contractId, lineNo, "GIFTED", lessons, null, actor);
        return lineNo;
    }

    public Line line(long contractId, int lineNo) {
        return jdbc.sql("select " + COLUMNS + " from hours_ledger where contract_id = ? and line_no = ?")
                .params(contractId, lineNo).query(LINES).single();
    }

    /**
     * One class lesson consumed from the contract's class line (班课点名, decision 547), its entry naming the roll call.
     * Refused (409) when the line has nothing left.
     */
    @Transactional
    public Line consumeClass(long contractId, int lineNo, long classSessionId, String actor) {
        int changed = jdbc.sql("update hours_ledger set consumed = consumed + 1 where contract_id = ? and line_no = ? "
                + "and kind = 'CLASS' and " + REMAINING + " > 0").params(contractId, lineNo).update();
        if (changed != 1) {
            throw new ConflictException(409, "合同的班课课时已全部用完（剩余 0 课时），无法课消");
        }
        entry(contractId, lineNo, "CONSUMED", 1, null, classSessionId, actor);
        return line(contractId, lineNo);
    }

    /** A class lesson given back by a corrected roll call (更正), its entry naming the roll call. */
    @Transactional
    public Line restoreClass(long contractId, int lineNo, long classSessionId, String actor) {
        int changed = jdbc.sql("update hours_ledger set consumed = consumed - 1 where contract_id = ? and line_no = ? "
                + "and kind = 'CLASS' and consumed > 0").params(contractId, lineNo).update();
        if (changed != 1) {
            throw new IllegalStateException("contract " + contractId + " line " + lineNo + " has nothing consumed");
        }
        entry(contractId, lineNo, "RESTORED", -1, null, classSessionId, actor);
        return line(contractId, lineNo);
    }

    private void entry(long contractId, int lineNo, String kind, int lessons, Long lessonId, String actor) {
        entry(contractId, lineNo, kind, lessons, lessonId, null, actor);
    }

    /** The append-only entry of a change: the 1:1 lesson or the class's roll call it came from, if any. */
    private void entry(long contractId, int lineNo, String kind, int lessons, Long lessonId, Long classSessionId,
            String actor) {
        jdbc.sql("insert into hours_entry (contract_id, line_no, kind, lessons, lesson_id, class_session_id, actor, "
                + "at) values (?, ?, ?, ?, ?, ?, ?, ?)").params(contractId, lineNo, kind, lessons, lessonId,
                        classSessionId, actor, OffsetDateTime.now(clock)).update();
    }
}
