package com.enrollflow.survey;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.Period;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.enrollflow.common.InputRules;
import com.enrollflow.customer.TimelineEvent;
import com.enrollflow.opportunity.OpportunityService;
import com.enrollflow.teaching.HoursLedger;

/**
 * 满意度调查: a survey is opened, once per contract and occasion (a database rule), when the contract's 3rd lesson
 * is consumed and when its last 1:1 lesson is; its process sends the link. The family answers on the public page
 * with the link's token: valid until it expires, once; a second submission answers "already received" and stores
 * nothing.
 */
@Service
public class Surveys {

    private static final Logger log = LoggerFactory.getLogger(Surveys.class);

    /** The lesson after which the first survey goes out (the issue: the 3rd). */
    static final int FIRST_SURVEY_AFTER = 3;

    /** What the family submits: three ratings 1–5 (as the form sends them, text) and a comment. */
    public record Answer(String teacherRating, String courseRating, String serviceRating, String comment) {
    }

    /** What a link leads to. */
    /** A survey link's state; RECEIVED: answered by the submission at hand (not by an earlier one). */
    public enum State {
        OPEN, ANSWERED, EXPIRED, INVALID, RECEIVED
    }

    /** A link's survey and its state; the survey is null when the link is not ours. */
    public record Page(State state, Survey survey) {
    }

    private static final String COLUMNS = "s.id, s.contract_id, s.opportunity_id, s.customer_id, s.campus_code, "
            + "s.teacher_id, t.name as teacher_name, s.occasion, s.created_at, s.expires_at, s.sent_at, "
            + "s.answered_at, s.teacher_rating, s.course_rating, s.service_rating, s.comment";

    private final JdbcClient jdbc;
    private final SurveyTokens tokens;
    private final SurveyProcess process;
    private final OpportunityService opportunities;
    private final HoursLedger ledger;
    private final Clock clock;
    private final Period validFor;
    private final String publicUrl;

    Surveys(JdbcClient jdbc, SurveyTokens tokens, SurveyProcess process, OpportunityService opportunities,
            HoursLedger ledger, Clock clock, @Value("${enrollflow.survey.valid-for:P14D}") Period validFor,
            @Value("${enrollflow.survey.public-url:http://localhost:8080}") String publicUrl) {
        this.jdbc = jdbc;
        this.tokens = tokens;
        this.process = process;
        this.opportunities = opportunities;
        this.ledger = ledger;
        this.clock = clock;
        this.validFor = validFor;
        this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
    }

    /**
     * A lesson consumed (课消后续跟进, after the mark has committed): the 3rd of the contract, as the mark counted it, or
     * its last 1:1 lesson (none left now) opens a survey; each at most once per contract. {@code consumedLessons}
     * comes from the mark, not from now: two marks close together still open the 3rd lesson's survey once.
     */
    @Transactional
    public void openIfDue(long contractId, long lessonId, int consumedLessons) {
        if (consumedLessons == FIRST_SURVEY_AFTER) {
            open(contractId, lessonId, SurveyOccasion.AFTER_THIRD_LESSON);
        }
        if (ledger.oneOnOneLeft(contractId) == 0) {
            open(contractId, lessonId, SurveyOccasion.CONTRACT_END);
        }
    }

    /** Opens the survey of the occasion unless the contract has it already (a corrected mark, a retry). */
    Optional<Survey> open(long contractId, long lessonId, SurveyOccasion occasion) {
        // marks of one contract queue on its row, so two marks cannot both find no survey
        jdbc.sql("select id from contract where id = ? for update").param(contractId).query(Long.class).single();
        if (jdbc.sql("select count(*) from survey where contract_id = ? and occasion = ?")
                .params(contractId, occasion.name()).query(Integer.class).single() > 0) {
            return Optional.empty();
        }
        OffsetDateTime now = OffsetDateTime.now(clock).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("insert into survey (contract_id, opportunity_id, customer_id, campus_code, teacher_id, occasion, "
                + "created_at, expires_at) select c.id, c.opportunity_id, c.customer_id, c.campus_code, l.teacher_id, "
                + "?, ?, ? from contract c, lesson l where c.id = ? and l.id = ?")
                .params(occasion.name(), now, now.plus(validFor), contractId, lessonId).update(keys, "id");
        Survey s = get(keys.getKey().longValue());
        process.start(s);
        log.info("survey {} ({}) opened for contract {}", s.id(), occasion, contractId);
        return Optional.of(s);
    }

    /** The link the family gets: the public page with the survey's signed token. */
    public String link(Survey s) {
        return publicUrl + "/survey/" + tokens.issue(s.id(), s.expiresAt().toInstant());
    }

    @Transactional
    public void sent(long id) {
        jdbc.sql("update survey set sent_at = ? where id = ? and sent_at is null").params(OffsetDateTime.now(clock), id)
                .update();
    }

    /** What a link shows: a forged or unknown token is INVALID; then ANSWERED, EXPIRED or OPEN. */
    @Transactional(readOnly = true)
    public Page page(String token) {
        Optional<SurveyTokens.Claims> claims = tokens.read(token);
        if (claims.isEmpty()) {
            return new Page(State.INVALID, null);
        }
        Optional<Survey> s = find(claims.get().surveyId());
        if (s.isEmpty() || s.get().expiresAt().toEpochSecond() != claims.get().expiresAt().getEpochSecond()) {
            return new Page(State.INVALID, null);
        }
        return new Page(state(s.get()), s.get());
    }

    /**
     * The family's answer: stored once, with its process told. Ratings not 1–5 or a comment too long: 400 naming
     * each field, nothing stored. An answered or expired survey stores nothing and says so in its state; RECEIVED
     * when this submission was stored (of two at once, one is: the survey's row is locked).
     */
    @Transactional
    public Page answer(String token, Answer a) {
        Page page = page(token);
        if (page.state() != State.OPEN) {
            return page;
        }
        jdbc.sql("select id from survey where id = ? for update").param(page.survey().id()).query(Long.class).single();
        Survey now = get(page.survey().id());
        if (state(now) != State.OPEN) {
            return new Page(state(now), now);
        }
        InputRules rules = new InputRules();
        Integer teacher = rating(rules, "teacherRating", "老师", a.teacherRating());
        Integer course = rating(rules, "courseRating", "课程", a.courseRating());
        Integer service = rating(rules, "serviceRating", "服务", a.serviceRating());
        String comment = rules.optional("comment", a.comment(), 1000);
        rules.throwIfAny();
        int stored = jdbc.sql("update survey set answered_at = ?, teacher_rating = ?, course_rating = ?, "
                + "service_rating = ?, comment = ? where id = ? and answered_at is null")
                .params(OffsetDateTime.now(clock), teacher, course, service, comment, now.id()).update();
        Survey answered = get(now.id());
        if (stored == 0) {
            // stored by another submission after all: its answer stands and its process was told by it
            return new Page(state(answered), answered);
        }
        opportunities.note(answered.opportunityId(), TimelineEvent.SURVEY_ANSWERED, "family", answered.occasionLabel()
                + "满意度：老师 " + teacher + " 分，课程 " + course + " 分，服务 " + service + " 分"
                + (comment == null ? "" : "；" + (comment.length() > 300 ? comment.substring(0, 300) + "…" : comment)));
        process.answered(answered);
        return new Page(State.RECEIVED, answered);
    }

    @Transactional(readOnly = true)
    public Survey get(long id) {
        return find(id).orElseThrow(() -> new IllegalArgumentException("no survey " + id));
    }

    @Transactional(readOnly = true)
    public List<Survey> forContract(long contractId) {
        return jdbc.sql("select " + COLUMNS + " from survey s left join teacher t on t.id = s.teacher_id "
                + "where s.contract_id = ? order by s.id").param(contractId).query((rs, n) -> row(rs)).list();
    }

    private Optional<Survey> find(long id) {
        return jdbc.sql("select " + COLUMNS + " from survey s left join teacher t on t.id = s.teacher_id "
                + "where s.id = ?").param(id).query((rs, n) -> row(rs)).optional();
    }

    private State state(Survey s) {
        if (s.answered()) {
            return State.ANSWERED;
        }
        return OffsetDateTime.now(clock).isBefore(s.expiresAt()) ? State.OPEN : State.EXPIRED;
    }

    private static Integer rating(InputRules rules, String field, String what, String value) {
        if (value == null || value.isBlank()) {
            rules.problem(field, "请为" + what + "打分（1–5 分）");
            return null;
        }
        if (!value.strip().matches("[1-5]")) {
            rules.problem(field, what + "的评分只能是 1 到 5 分");
            return null;
        }
        return Integer.parseInt(value.strip());
    }

    private static Survey row(java.sql.ResultSet rs) throws java.sql.SQLException {
        SurveyOccasion occasion = SurveyOccasion.valueOf(rs.getString("occasion"));
        return new Survey(rs.getLong("id"), rs.getLong("contract_id"), rs.getLong("opportunity_id"),
                rs.getLong("customer_id"), rs.getString("campus_code"), rs.getString("teacher_id"),
                rs.getString("teacher_name"), occasion, occasion.label(), rs.getObject("created_at", OffsetDateTime.class),
                rs.getObject("expires_at", OffsetDateTime.class), rs.getObject("sent_at", OffsetDateTime.class),
                rs.getObject("answered_at", OffsetDateTime.class), (Integer) rs.getObject("teacher_rating", Integer.class),
                (Integer) rs.getObject("course_rating", Integer.class),
                (Integer) rs.getObject("service_rating", Integer.class), rs.getString("comment"));
    }
}
