package com.enrollflow.teaching;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Component;

import com.enrollflow.contract.Contract;
import com.enrollflow.contract.ContractFixtures;
import com.enrollflow.contract.ContractService;

/**
 * A BJ-HD student with an issued contract of 60 senior math lessons (the contract fixtures' approved quote) and a
 * confirmed schedule whose lessons already began: what a teacher has in front of them when marking attendance.
 */
@Component
class TeachingFixtures {

    /** zhengkai's teacher record; T-BJHD-02 (王磊) has no login. */
    static final String ZHENGKAI = "T-BJHD-01";
    static final String WANGLEI = "T-BJHD-02";
    static final String ROOM = "R-BJHD-01";

    record Student(Contract contract, List<Long> lessons) {
    }

    private final ContractFixtures contracts;
    private final ContractService contractService;
    private final JdbcClient jdbc;

    TeachingFixtures(ContractFixtures contracts, ContractService contractService, JdbcClient jdbc) {
        this.contracts = contracts;
        this.contractService = contractService;
        this.jdbc = jdbc;
    }

    /**
     * {@code past} lessons that started 1, 2, … hours ago and {@code future} lessons from tomorrow, taught by the
     * teacher; all confirmed.
     */
    Student student(String teacherId, int past, int future) {
        OffsetDateTime now = OffsetDateTime.now().truncatedTo(ChronoUnit.MINUTES);
        List<OffsetDateTime> starts = new ArrayList<>();
        for (int i = 0; i < past + future; i++) {
            starts.add(i < past ? now.minusHours(past - i) : now.plusDays(1 + i - past));
        }
        return studentAt(teacherId, starts);
    }

    /** A student whose confirmed lessons with the teacher start at the given moments. */
    /** 19:00 on the last weekday before today (郑凯 teaches weekdays 16:00–21:00): a lesson begun, to be marked. */
    static OffsetDateTime lastWeekdayEvening() {
        java.time.LocalDate day = java.time.LocalDate.now(com.enrollflow.reference.BusinessTime.ZONE).minusDays(1);
        while (day.getDayOfWeek().getValue() > 5) {
            day = day.minusDays(1);
        }
        return day.atTime(19, 0).atZone(com.enrollflow.reference.BusinessTime.ZONE).toOffsetDateTime();
    }

    Student studentAt(String teacherId, List<OffsetDateTime> starts) {
        long quoteId = contracts.approvedQuote("BJ-HD", "课消学员", new BigDecimal("12000.00"));
        Contract contract = contractService.issue(quoteId, "liwei");
        KeyHolder keys = new GeneratedKeyHolder();
        OffsetDateTime now = OffsetDateTime.now().truncatedTo(ChronoUnit.MINUTES);
        jdbc.sql("insert into schedule_proposal (opportunity_id, live_opportunity_id, customer_id, student_name, "
                + "campus_code, subject, grade, teacher_level, lessons, status, created_at, confirmed_by, "
                + "confirmed_at) values (?, ?, ?, '课消学员', 'BJ-HD', 'MATH', 'J2', 'SENIOR', 60, 'CONFIRMED', ?, "
                + "'wuting', ?)").params(contract.opportunityId(), contract.opportunityId(), contract.customerId(),
                        now.minusDays(30), now.minusDays(30)).update(keys, "id");
        long proposalId = keys.getKey().longValue();
        List<Long> lessons = new ArrayList<>();
        for (int i = 0; i < starts.size(); i++) {
            OffsetDateTime start = starts.get(i);
            KeyHolder lesson = new GeneratedKeyHolder();
            jdbc.sql("insert into lesson (proposal_id, seq, teacher_id, room_id, customer_id, starts_at, ends_at, "
                    + "status) values (?, ?, ?, ?, ?, ?, ?, 'CONFIRMED')").params(proposalId, i + 1, teacherId, ROOM,
                            contract.customerId(), start, start.plusHours(1)).update(lesson, "id");
            lessons.add(lesson.getKey().longValue());
        }
        return new Student(contract, lessons);
    }

    /** Leaves only {@code left} lessons on the contract's 1:1 line, as if the rest had been taught. */
    void leave(Contract contract, HoursLedger ledger, int left) {
        leave(contract.id(), ledger, left);
    }

    void leave(long contractId, HoursLedger ledger, int left) {
        ledger.accounts(contractId);
        jdbc.sql("update hours_ledger set consumed = purchased - ? where contract_id = ? and kind = 'LESSONS'")
                .params(left, contractId).update();
    }
}
