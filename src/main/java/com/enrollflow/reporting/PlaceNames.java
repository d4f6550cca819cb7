package com.enrollflow.reporting;

import java.util.HashMap;
import java.util.Map;

import com.enrollflow.assignment.Team;
import com.enrollflow.assignment.TeamRepository;
import com.enrollflow.reference.Campuses;

/**
 * Campus and team names as the reports show them: every campus and every team read once per report, each in one
 * statement at its first use — a listing of 200 opportunities would otherwise ask the database 400 times, and one
 * name at a time still cost a statement per team and campus on the board's answers. Made for one answer, not kept,
 * so a renamed team reads right in the next.
 */
final class PlaceNames {

    private final Campuses campuses;
    private final TeamRepository teams;
    private Map<String, String> campusNames;
    private Map<String, Team> teamsById;

    PlaceNames(Campuses campuses, TeamRepository teams) {
        this.campuses = campuses;
        this.teams = teams;
    }

    /** The campus's name; 未定校区 without one. */
    String campus(String code) {
        if (code == null) {
            return "未定校区";
        }
        if (campusNames == null) {
            campusNames = campuses.activeNames();
        }
        return campusNames.get(code);
    }

    /** The team's name (its id when no such team); 未分配团队 without one. */
    String team(String id) {
        if (id == null) {
            return "未分配团队";
        }
        Team team = find(id);
        return team == null ? id : team.name();
    }

    /** "北京海淀校区 · 海淀一对一组" (the id when no such team); 未分配团队 without one. */
    String teamWithCampus(String id) {
        if (id == null) {
            return "未分配团队";
        }
        Team team = find(id);
        return team == null ? id : teamWithCampus(team);
    }

    String teamWithCampus(Team team) {
        return campus(team.campusCode()) + " · " + team.name();
    }

    private Team find(String id) {
        if (teamsById == null) {
            teamsById = new HashMap<>();
            teams.findAll().forEach(t -> teamsById.put(t.id(), t));
        }
        return teamsById.get(id);
    }
}
