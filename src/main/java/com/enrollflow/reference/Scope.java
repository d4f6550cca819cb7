package com.enrollflow.reference;

import java.util.List;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What the acting user may see (校区数据范围): every campus (head office, admins, the system itself), or the
 * campuses and call centres they are members of. A lead without a campus belongs to the call centre that
 * received it until intent sets the campus.
 *
 * <p>The SQL helpers give a condition with named parameters {@code :scopeCampuses} and {@code :scopeCentres}
 * and {@link #bind} fills them, so every repository filters in the database, never after loading.
 */
public record Scope(boolean all, Set<String> campuses, Set<String> callCentres) {

    /** Never matches a campus or call-centre code: keeps {@code in (...)} valid when a list is empty. */
    private static final String NONE = "#none#";

    public static Scope everything() {
        return new Scope(true, Set.of(), Set.of());
    }

    public Scope {
        campuses = Set.copyOf(campuses);
        callCentres = Set.copyOf(callCentres);
    }

    public boolean seesCampus(String campusCode) {
        return all || campusCode != null && campuses.contains(campusCode);
    }

    /** An opportunity (or anything of its customer) with this campus, or this call centre while it has none. */
    public boolean sees(String campusCode, String callCentre) {
        if (all) {
            return true;
        }
        return campusCode != null ? campuses.contains(campusCode) : callCentre != null && callCentres.contains(callCentre);
    }

    /** SQL condition on a campus column. */
    public String campusCondition(String campusColumn) {
        return all ? "1 = 1" : campusColumn + " in (:scopeCampuses)";
    }

    /** SQL condition on an opportunity's campus and call-centre columns (alias e.g. "o."). */
    public String opportunityCondition(String alias) {
        return all ? "1 = 1"
                : "(" + alias + "campus_code in (:scopeCampuses) or (" + alias + "campus_code is null and " + alias
                        + "call_centre in (:scopeCentres)))";
    }

    /**
     * The same condition on a summary row that stores an absent campus as '' and the call centre only then
     * (funnel_day, alias e.g. "f.").
     */
    public String summaryCondition(String alias) {
        return all ? "1 = 1"
                : "(" + alias + "campus_code in (:scopeCampuses) or (" + alias + "campus_code = '' and " + alias
                        + "call_centre in (:scopeCentres)))";
    }

    /** Binds the parameters the conditions use (harmless when a statement uses none of them). */
    public JdbcClient.StatementSpec bind(JdbcClient.StatementSpec statement) {
        if (all) {
            return statement;
        }
        return statement.param("scopeCampuses", campuses.isEmpty() ? List.of(NONE) : List.copyOf(campuses))
                .param("scopeCentres", callCentres.isEmpty() ? List.of(NONE) : List.copyOf(callCentres));
    }
}
