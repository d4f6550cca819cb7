package com.enrollflow.reporting;

import java.util.HashMap;
import java.util.Map;

import com.enrollflow.assignment.Team;
import com.enrollflow.assignment.TeamRepository;
import com.enrollflow.reference.Campuses;

/**
 * Campus and team names as the reports show them, each looked up once per report: a listing of 200 opportunities
 * would otherwise ask the database 400 times. Made for one answer, not kept.
 */
final class PlaceNames {

    private final Campuses campuses;
    private final TeamRepository teams;
    private final Map<String, String> campusNames = new HashMap<>();
    private final Map<String, Team> teamsById = new HashMap<>();

    PlaceNames(Campuses campuses, TeamRepository teams) {
        this.campuses = campuses;
        this.teams = teams;
    }

    /** The campus's name; 未定校区 without one. */
    String campus(String code) {
        return code == null ? "未定校区" : campusNames.computeIfAbsent(code, campuses::nameOf);
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
        return teamsById.computeIfAbsent(id, k -> teams.find(k).orElse(null));
    }
}
