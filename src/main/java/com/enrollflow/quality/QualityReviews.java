package com.enrollflow.quality;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.Random;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.enrollflow.common.InputRules;
import com.enrollflow.customer.TimelineEvent;
import com.enrollflow.reference.BusinessTime;

/**
 * The weekly quality sample (质检): last week's finished work items of each campus — a consultant's follow-ups and
 * customer service's calls, as the timeline records them — a fair sample of them stored once (a database rule, so a
 * rerun of the week samples nothing twice), then the supervisor's score and the coaching that a low score asks for.
 */
@Service
public class QualityReviews {

    private static final Logger log = LoggerFactory.getLogger(QualityReviews.class);

    /**
     * What counts as a finished work item: the consultant's follow-ups (首次联系, 同意到访, 关闭：已流失) and customer
     * service's calls (关怀回访, 满意度回访, 投诉回访结案). Each is a timeline entry written by the person who did it.
     */
    public static final List<TimelineEvent> REVIEWED = List.of(TimelineEvent.FIRST_CONTACT,
            TimelineEvent.AGREED_TO_VISIT, TimelineEvent.CLOSED_LOST, TimelineEvent.CARE_CALL,
            TimelineEvent.SURVEY_CARE_CALL, TimelineEvent.COMPLAINT_CLOSED);

    /** One campus's sample of one week: the reviews to score, and the score at or below which coaching follows. */
    public record CampusSample(String campusCode, LocalDate weekStart, List<Long> reviewIds, int coachingScore) {
    }

    /** What the supervisor sees of a sampled item: who did what for whom, when, and what they noted. */
    public record Item(long reviewId, String ownerUser, String customerName, long opportunityId, String work,
            String when, String note, String reviewComment) {

        /** 满意度回访：王小明（商机 1007），陈曦（chenxi） 于 2026-11-25 10:00 — the staff member as staff name people. */
        public String summary(String ownerShown) {
            return work + "：" + customerName + "（商机 " + opportunityId + "），" + ownerShown + " 于 " + when;
        }
    }

    private final JdbcClient jdbc;
    private final QualityPolicy policy;
    private final Clock clock;

    QualityReviews(JdbcClient jdbc, QualityPolicy policy, Clock clock) {
        this.jdbc = jdbc;
        this.policy = policy;
        this.clock = clock;
    }

    /** The Monday that starts the week before {@code today} (Beijing). */
    public static LocalDate lastWeek(LocalDate today) {
        return today.minusDays(today.getDayOfWeek().getValue() - 1L).minusWeeks(1);
    }

    /** ServiceTask_SampleWork: each campus's sample of the week starting {@code weekStart}; campuses done already skip. */
    @Transactional
    public List<CampusSample> sample(LocalDate weekStart) {
        OffsetDateTime from = weekStart.atStartOfDay(BusinessTime.ZONE).toOffsetDateTime();
        OffsetDateTime to = weekStart.plusWeeks(1).atStartOfDay(BusinessTime.ZONE).toOffsetDateTime();
        List<String> done = jdbc.sql("select distinct campus_code from quality_review where week_start = ?")
                .param(weekStart).query(String.class).list();
        Map<String, List<Map<String, Object>>> byCampus = new LinkedHashMap<>();
        for (Map<String, Object> row : jdbc.sql("select t.id, t.opportunity_id, t.actor, o.campus_code "
                + "from timeline_event t join opportunity o on o.id = t.opportunity_id "
                + "where t.event_type in (" + String.join(", ", REVIEWED.stream().map(e -> "'" + e.name() + "'").toList())
                + ") and t.actor <> 'system' and o.campus_code is not null and t.occurred_at >= ? and t.occurred_at < ? "
                + "and not exists (select 1 from quality_review q where q.timeline_event_id = t.id) "
                + "order by o.campus_code, t.id").params(from, to).query().listOfRows()) {
            String campus = (String) row.get("campus_code");
            if (!done.contains(campus)) {
                byCampus.computeIfAbsent(campus, c -> new ArrayList<>()).add(row);
            }
        }
        List<CampusSample> samples = new ArrayList<>();
        byCampus.forEach((campus, items) -> {
            QualityPolicy.Plan plan = policy.planFor(campus, items.size());
            List<Long> ids = new ArrayList<>();
            for (Map<String, Object> item : pick(items, plan.sampleSize(items.size()), seed(campus, weekStart))) {
                ids.add(store(item, campus, weekStart, plan.coachingScore()));
            }
            if (!ids.isEmpty()) {
                samples.add(new CampusSample(campus, weekStart, ids, plan.coachingScore()));
            }
            log.info("quality sample of {} for the week of {}: {} of {}", campus, weekStart, ids.size(), items.size());
        });
        return samples;
    }

    /**
     * A fair choice nobody can steer (every item equally likely, whoever did it), yet the same for the same week and
     * items, so a review can be explained afterwards: a shuffle seeded by the campus and the week.
     */
    static <T> List<T> pick(List<T> items, int size, long seed) {
        List<T> shuffled = new ArrayList<>(items);
        Collections.shuffle(shuffled, new Random(seed));
        return shuffled.subList(0, Math.min(size, shuffled.size()));
    }

    static long seed(String campus, LocalDate weekStart) {
        return 31L * campus.hashCode() + weekStart.toEpochDay();
    }

    /** What the supervisor is shown of a sampled item. */
    @Transactional(readOnly = true)
    public Item item(long reviewId) {
        return jdbc.sql("select q.id, q.owner_user, q.opportunity_id, q.review_comment, t.event_type, t.occurred_at, "
                + "t.detail, c.name from quality_review q join timeline_event t on t.id = q.timeline_event_id "
                + "join customer c on c.id = t.customer_id where q.id = ?").param(reviewId)
                .query((rs, n) -> new Item(rs.getLong("id"), rs.getString("owner_user"), rs.getString("name"),
                        rs.getLong("opportunity_id"), TimelineEvent.valueOf(rs.getString("event_type")).label(),
                        BusinessTime.shown(rs.getObject("occurred_at", OffsetDateTime.class)),
                        rs.getString("detail") == null ? "（无记录）" : rs.getString("detail"),
                        rs.getString("review_comment")))
                .single();
    }

    /**
     * Task_ScoreQuality (质检评分) done: a score 1–5 and a comment (at most 1000 characters; required when the score
     * needs coaching). Returns whether it does. Bad input is refused by field and nothing is stored.
     */
    @Transactional
    public boolean score(long reviewId, Object score, String comment, String by) {
        int coachingScore = jdbc.sql("select coaching_score from quality_review where id = ?").param(reviewId)
                .query(Integer.class).single();
        InputRules rules = new InputRules();
        Integer value = scoreOf(score);
        if (value == null) {
            rules.problem("qualityScore", score == null || score.toString().isBlank() ? "必填，1 到 5 分的整数"
                    : "应为 1 到 5 分的整数（现为 " + InputRules.abbreviate(score.toString()) + "）");
        }
        boolean low = value != null && value <= coachingScore;
        String text = rules.optional("qualityComment", comment, 1000);
        if (low && (comment == null || comment.isBlank())) {
            rules.problem("qualityComment", "必填：评分不高于 " + coachingScore + " 分时请写明改进意见");
        }
        rules.throwIfAny();
        jdbc.sql("update quality_review set score = ?, review_comment = ?, reviewed_by = ?, reviewed_at = ? "
                + "where id = ?").params(value, text, by, OffsetDateTime.now(clock), reviewId).update();
        return low;
    }

    /** Task_CoachImprovement (辅导改进) done: what the staff member will do differently (required). */
    @Transactional
    public void coached(long reviewId, String note) {
        InputRules rules = new InputRules();
        String text = rules.required("coachingNote", note, 1000);
        rules.throwIfAny();
        jdbc.sql("update quality_review set coaching_note = ?, coached_at = ? where id = ?")
                .params(text, OffsetDateTime.now(clock), reviewId).update();
    }

    /** The campus of a review whose coaching is still to be written (neither coached nor withdrawn); else empty. */
    @Transactional(readOnly = true)
    public Optional<String> coachingAwaitedAt(long reviewId) {
        return jdbc.sql("select campus_code from quality_review where id = ? and coached_at is null "
                + "and coaching_withdrawn_at is null").param(reviewId).query(String.class).optional();
    }

    /**
     * 辅导改进 withdrawn: the staff member left before writing their improvement (decision 540). The score and the
     * comment stay; the coaching note stays empty. A coaching already written is left as it is.
     */
    @Transactional
    public void coachingWithdrawn(long reviewId) {
        jdbc.sql("update quality_review set coaching_withdrawn_at = ? where id = ? and coached_at is null")
                .params(OffsetDateTime.now(clock), reviewId).update();
    }

    private static Integer scoreOf(Object score) {
        if (score instanceof Number n) {
            return n.doubleValue() == n.intValue() && n.intValue() >= 1 && n.intValue() <= 5 ? n.intValue() : null;
        }
        if (score instanceof String s && s.strip().matches("[1-5]")) {
            return Integer.valueOf(s.strip());
        }
        return null;
    }

    private long store(Map<String, Object> item, String campus, LocalDate weekStart, int coachingScore) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("insert into quality_review (timeline_event_id, opportunity_id, campus_code, week_start, owner_user, "
                + "coaching_score) values (?, ?, ?, ?, ?, ?)").params(((Number) item.get("id")).longValue(),
                        ((Number) item.get("opportunity_id")).longValue(), campus, weekStart, item.get("actor"),
                        coachingScore).update(keys, "id");
        return keys.getKey().longValue();
    }
}
