package com.enrollflow.cockpit;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Set;

import com.enrollflow.common.InputRules;
import com.enrollflow.common.NotFoundException;
import com.enrollflow.reference.Campuses;
import com.enrollflow.reference.Scope;

/**
 * The filters the board's service-level, satisfaction and renewal sections share, checked as the funnel's are: both
 * dates required (Beijing days, both included), a campus by code or name within the caller's campuses (outside them:
 * not found), each bad field named in a 400.
 */
record BoardPeriod(LocalDate from, LocalDate to, String campus, Scope visible) {

    static BoardPeriod of(String from, String to, String campus) {
        InputRules rules = new InputRules();
        LocalDate f = date(rules, "from", from, "请填写开始日期");
        LocalDate t = date(rules, "to", to, "请填写结束日期");
        rules.period(f, t, "结束日期不能早于开始日期");
        return scoped(rules, f, t, campus);
    }

    /** No period: what is true now (the late tasks), for the campus asked, checked against the caller's scope. */
    static BoardPeriod now(String campus) {
        return scoped(new InputRules(), null, null, campus);
    }

    private static BoardPeriod scoped(InputRules rules, LocalDate f, LocalDate t, String campus) {
        BoardServices services = BoardServices.get();
        Campuses.Match match = services.campuses.find(campus);
        if (match.problem() != null && !match.found()) {
            rules.problem("campus", match.problem());
        }
        rules.throwIfAny();
        Scope visible = services.scope.current();
        String code = match.found() ? match.campus().code() : null;
        if (code != null && !visible.seesCampus(code)) {
            throw new NotFoundException("您负责的校区中没有校区 " + code + " 的报表");
        }
        return new BoardPeriod(f, t, code, visible);
    }

    /** The caller's scope, or only the chosen campus (already checked to be in it). */
    Scope narrowed() {
        return campus == null ? visible : new Scope(false, Set.of(campus), Set.of());
    }

    private static LocalDate date(InputRules rules, String field, String value, String missing) {
        if (value == null || value.isBlank()) {
            rules.problem(field, missing);
            return null;
        }
        try {
            return LocalDate.parse(value.trim());
        } catch (DateTimeParseException e) {
            rules.problem(field, "日期格式应为 yyyy-MM-dd");
            return null;
        }
    }
}
