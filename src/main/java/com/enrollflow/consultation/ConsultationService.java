package com.enrollflow.consultation;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.enrollflow.common.InvalidInputException;
import com.enrollflow.customer.TimelineEvent;
import com.enrollflow.opportunity.FunnelStage;
import com.enrollflow.opportunity.OpportunityService;
import com.enrollflow.reference.BusinessTime;

/** Visits and placement tests of an opportunity, and the funnel stages they reach. */
@Service
public class ConsultationService {

    /** A visit can be booked up to this far ahead; further is a typing mistake, not a plan. */
    static final Duration MAX_BOOKING_AHEAD = Duration.ofDays(90);
    /** When a campus receives families (前台接待时间), Beijing time: a visit starts 08:00 … 21:00. */
    static final LocalTime FIRST_VISIT = LocalTime.of(8, 0);
    static final LocalTime LAST_VISIT = LocalTime.of(21, 0);
    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final JdbcClient jdbc;
    private final OpportunityService opportunities;
    private final Clock clock;

    ConsultationService(JdbcClient jdbc, OpportunityService opportunities, Clock clock) {
        this.jdbc = jdbc;
        this.opportunities = opportunities;
        this.clock = clock;
    }

    /** The customer agreed to visit (同意到访): the follow-up succeeded. Idempotent. */
    @Transactional
    public void agreedToVisit(long opportunityId, String actor) {
        opportunities.reachStage(opportunityId, FunnelStage.AGREED, TimelineEvent.AGREED_TO_VISIT, actor, null);
    }

    /** Books the visit; returns its id. The time must lie ahead, within 90 days, when the campus receives families. */
    @Transactional
    public long bookVisit(long opportunityId, OffsetDateTime at, String note, String bookedBy) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        if (at == null) {
            throw new InvalidInputException("visitAt", "必填：到访时间");
        }
        if (at.isBefore(now) || at.isAfter(now.plus(MAX_BOOKING_AHEAD))) {
            throw new InvalidInputException("visitAt", "到访时间须在现在到 90 天之内");
        }
        LocalTime local = at.atZoneSameInstant(BusinessTime.ZONE).toLocalTime();
        if (local.isBefore(FIRST_VISIT) || local.isAfter(LAST_VISIT)) {
            throw new InvalidInputException("visitAt", "到访时间须在校区接待时间 08:00–21:00（北京时间）之内");
        }
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("insert into visit (opportunity_id, scheduled_at, booked_by, booked_at, note) "
                + "values (?, ?, ?, ?, ?)").params(opportunityId, at, bookedBy, now, note).update(keys, "id");
        long id = keys.getKey().longValue();
        opportunities.note(opportunityId, TimelineEvent.VISIT_BOOKED, bookedBy,
                "预约到访时间：" + at.atZoneSameInstant(BusinessTime.ZONE).format(SHOWN) + (note == null ? "" : "；" + note));
        return id;
    }

    /** The front desk records the booked visit: the family came (实际到访) or did not. */
    @Transactional
    public void recordVisit(long opportunityId, VisitOutcome outcome, String note, String recordedBy) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        latestVisit(opportunityId).ifPresent(visitId -> jdbc.sql("update visit set outcome = ?, recorded_by = ?, "
                + "recorded_at = ?, note = coalesce(?, note) where id = ? and outcome is null")
                .params(outcome.name(), recordedBy, now, note, visitId).update());
        if (outcome == VisitOutcome.VISITED) {
            opportunities.reachStage(opportunityId, FunnelStage.VISITED, TimelineEvent.VISITED, recordedBy, note);
        } else {
            opportunities.note(opportunityId, TimelineEvent.NO_SHOW, recordedBy, note);
        }
    }

    /** The highest full mark of the placement tests the campuses give (入学测试满分). */
    public static final BigDecimal MAX_TEST_SCORE = BigDecimal.valueOf(150);

    /** What is wrong with a placement test's score, if anything: it lies between 0 and the full mark. */
    public static Optional<String> scoreProblem(BigDecimal score) {
        return score != null && (score.signum() < 0 || score.compareTo(MAX_TEST_SCORE) > 0)
                ? Optional.of("成绩须在 0 到 " + MAX_TEST_SCORE.toPlainString() + " 之间") : Optional.empty();
    }

    @Transactional
    public void recordPlacementTest(long opportunityId, BigDecimal score, TestLevel level, String advice,
            String testedBy) {
        scoreProblem(score).ifPresent(problem -> {
            throw new InvalidInputException("testScore", problem);
        });
        jdbc.sql("insert into placement_test (opportunity_id, score, level, advice, tested_by, tested_at) "
                + "values (?, ?, ?, ?, ?, ?)").params(opportunityId, score, level.name(), advice, testedBy,
                        OffsetDateTime.now(clock)).update();
        opportunities.note(opportunityId, TimelineEvent.PLACEMENT_TESTED, testedBy,
                "测试等级：" + level.label() + (score == null ? "" : "，成绩：" + score.toPlainString())
                        + (advice == null ? "" : "；建议：" + advice));
    }

    /**
     * The latest placement test of the opportunity as the consultant reads it before making the plan:
     * "入学测试：提高，成绩 96.5" and the teacher's advice on a line of its own; empty when none was recorded.
     */
    public Optional<String> latestTestDescribed(long opportunityId) {
        return jdbc.sql("select level, score, advice from placement_test where opportunity_id = ? "
                + "order by tested_at desc, id desc").param(opportunityId)
                .query((rs, n) -> "入学测试：" + TestLevel.valueOf(rs.getString("level")).label()
                        + (rs.getBigDecimal("score") == null ? ""
                                : "，成绩 " + rs.getBigDecimal("score").stripTrailingZeros().toPlainString())
                        + (rs.getString("advice") == null || rs.getString("advice").isBlank() ? ""
                                : "\n教学建议：" + rs.getString("advice").strip()))
                .stream().findFirst();
    }

    /** The plan and price were made (方案规划). */
    @Transactional
    public void planMade(long opportunityId, String detail, String actor) {
        if (!opportunities.reachStage(opportunityId, FunnelStage.PLANNED, TimelineEvent.PLAN_MADE, actor, detail)) {
            opportunities.note(opportunityId, TimelineEvent.PLAN_MADE, actor, detail);
        }
    }

    private Optional<Long> latestVisit(long opportunityId) {
        return jdbc.sql("select id from visit where opportunity_id = ? order by id desc").param(opportunityId)
                .query(Long.class).stream().findFirst();
    }
}
