package com.enrollflow.reporting;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.enrollflow.assignment.AssignmentEventRepository;
import com.enrollflow.assignment.TeamRepository;
import com.enrollflow.common.NotFoundException;
import com.enrollflow.reference.CampusScope;
import com.enrollflow.reference.Scope;
import com.enrollflow.common.InvalidInputException;
import com.enrollflow.reference.BusinessTime;

/**
 * Activity counts of distribution (接待量、分配量、退回量、回收量、关单量、成单量) per day, team and person,
 * from the assignment history. A person's row counts what reached or left that person; the team's row
 * (person empty) counts what reached or left the team.
 */
@RestController
@RequestMapping("/api/reports/assignment-activity")
class ActivityController {

    private static final int MAX_DAYS = 366;

    private final AssignmentEventRepository events;
    private final TeamRepository teams;
    private final CampusScope scope;

    ActivityController(AssignmentEventRepository events, TeamRepository teams, CampusScope scope) {
        this.events = events;
        this.teams = teams;
        this.scope = scope;
    }

    /** One day of one team, for the team as a whole (userId null) or one person. */
    record Row(String day, String teamId, String userId, long received, long assigned, long returned, long recycled,
            long closed, long won) {
    }

    @io.swagger.v3.oas.annotations.Operation(summary = "分配活动量：按日、团队、人员统计接待、分配、退回、回收、关单、成单")
    @GetMapping
    List<Row> activity(@RequestParam("from") @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam("to") @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @RequestParam(name = "teamId", required = false) String teamId) {
        if (to.isBefore(from)) {
            throw new InvalidInputException("to", "结束日期不能早于开始日期");
        }
        if (from.plusDays(MAX_DAYS).isBefore(to)) {
            throw new InvalidInputException("to", "一次最多统计 " + MAX_DAYS + " 天");
        }
        OffsetDateTime start = from.atStartOfDay(BusinessTime.ZONE).toOffsetDateTime();
        OffsetDateTime end = to.plusDays(1).atStartOfDay(BusinessTime.ZONE).toOffsetDateTime();
        Scope visible = scope.current();
        if (teamId != null && !teams.find(teamId).map(t -> visible.seesCampus(t.campusCode())).orElse(false)) {
            throw new NotFoundException("您负责的校区中没有销售团队 " + teamId);
        }
        ActivityTally tally = new ActivityTally();
        for (AssignmentEventRepository.Entry e : events.between(start, end, teamId, visible)) {
            tally.add(BusinessTime.dateOf(e.occurredAt()).toString(), e.teamId(), e.kind(), e.fromUser(), e.toUser());
        }
        List<Row> rows = new java.util.ArrayList<>();
        for (ActivityTally.Line line : tally.lines()) {
            long[] c = line.counts();
            rows.add(new Row(line.key(), line.teamId(), line.userId(), c[0], c[1], c[2], c[3], c[4], c[5]));
        }
        return rows;
    }
}
