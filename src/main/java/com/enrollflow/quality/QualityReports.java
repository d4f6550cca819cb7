package com.enrollflow.quality;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.enrollflow.assignment.StaffDirectory;
import com.enrollflow.reference.Scope;

/** 质检报表's figures, from the quality_review table (decision 543). */
@Service
public class QualityReports {

    private final JdbcClient jdbc;
    private final StaffDirectory staff;

    QualityReports(JdbcClient jdbc, StaffDirectory staff) {
        this.jdbc = jdbc;
        this.staff = staff;
    }

    /** The reviews of one campus's work by one person: the cells every row and the total add up. */
    private record Cell(String campus, String campusName, String person, long sampled, long scored, long scoreSum,
            long low, long coached, long withdrawn) {
    }

    @Transactional(readOnly = true)
    public QualityReport report(Scope visible, String campus, LocalDate from, LocalDate to) {
        String sql = "select q.campus_code, max(k.name) campus_name, q.owner_user, count(*) sampled, "
                + "count(q.score) scored, coalesce(sum(q.score), 0) score_sum, "
                + "count(case when q.score <= q.coaching_score then 1 end) low, count(q.coached_at) coached, "
                + "count(q.coaching_withdrawn_at) withdrawn from quality_review q "
                + "join campus k on k.code = q.campus_code where " + visible.campusCondition("q.campus_code")
                + (campus == null ? "" : " and q.campus_code = :campus")
                + (from == null ? "" : " and q.week_start >= :fromDay")
                + (to == null ? "" : " and q.week_start <= :toDay")
                + " group by q.campus_code, q.owner_user order by q.campus_code, q.owner_user";
        JdbcClient.StatementSpec spec = visible.bind(jdbc.sql(sql));
        if (campus != null) {
            spec = spec.param("campus", campus);
        }
        if (from != null) {
            spec = spec.param("fromDay", from);
        }
        if (to != null) {
            spec = spec.param("toDay", to);
        }
        List<Cell> cells = spec.query((rs, n) -> new Cell(rs.getString("campus_code"), rs.getString("campus_name"),
                rs.getString("owner_user"), rs.getLong("sampled"), rs.getLong("scored"), rs.getLong("score_sum"),
                rs.getLong("low"), rs.getLong("coached"), rs.getLong("withdrawn"))).list();
        Map<String, String> names = staff.displayNames(cells.stream().map(Cell::person).distinct().toList());
        List<QualityReport.Row> byCampus = rows(cells, Cell::campus, c -> c.campusName(), c -> null);
        List<QualityReport.Row> byStaff = rows(cells, c -> c.campus() + "|" + c.person(),
                c -> names.getOrDefault(c.person(), c.person()), Cell::campusName).stream()
                .map(r -> new QualityReport.Row(r.key().substring(r.key().indexOf('|') + 1), r.name(),
                        r.campusName(), r.figures()))
                .toList();
        return new QualityReport(from, to, campus, figures(cells), byCampus, byStaff);
    }

    private static List<QualityReport.Row> rows(List<Cell> cells, Function<Cell, String> key,
            Function<Cell, String> name, Function<Cell, String> campusName) {
        Map<String, List<Cell>> grouped = new LinkedHashMap<>();
        cells.forEach(c -> grouped.computeIfAbsent(key.apply(c), k -> new ArrayList<>()).add(c));
        List<QualityReport.Row> rows = new ArrayList<>();
        grouped.forEach((k, group) -> rows.add(new QualityReport.Row(k, name.apply(group.get(0)),
                campusName.apply(group.get(0)), figures(group))));
        return rows;
    }

    private static QualityReport.Figures figures(List<Cell> cells) {
        long sampled = 0;
        long scored = 0;
        long sum = 0;
        long low = 0;
        long coached = 0;
        long withdrawn = 0;
        for (Cell c : cells) {
            sampled += c.sampled();
            scored += c.scored();
            sum += c.scoreSum();
            low += c.low();
            coached += c.coached();
            withdrawn += c.withdrawn();
        }
        BigDecimal average = scored == 0 ? null
                : BigDecimal.valueOf(sum).divide(BigDecimal.valueOf(scored), 2, RoundingMode.HALF_UP);
        return new QualityReport.Figures(sampled, scored, average, low, coached, withdrawn, sampled - scored,
                low - coached - withdrawn);
    }
}
