package com.enrollflow.reference;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;

import com.enrollflow.common.LabelIndex;

/**
 * A campus as staff name it: its code (BJ-HD), its full name (北京海淀校区) or its short names (北京海淀, 海淀校区,
 * 海淀), compared as {@link LabelIndex#key} compares words. A short name two campuses share (two cities' 朝阳) names
 * neither: the answer asks for the full name.
 */
@Component
public class Campuses {

    private final CampusRepository campuses;

    Campuses(CampusRepository campuses) {
        this.campuses = campuses;
    }

    /** What a campus word matched: exactly one campus, or the reason it did not. */
    public record Match(Campus campus, String problem) {

        public boolean found() {
            return campus != null;
        }

        public Optional<String> code() {
            return Optional.ofNullable(campus).map(Campus::code);
        }
    }

    /** The active campus named by a code or a name; {@code null} or blank matches nothing and is no problem. */
    public Match find(String codeOrName) {
        if (codeOrName == null || codeOrName.isBlank()) {
            return new Match(null, null);
        }
        List<Campus> active = campuses.findActive();
        Map<String, Set<Campus>> byKey = index(active);
        Set<Campus> matches = byKey.getOrDefault(LabelIndex.key(codeOrName), Set.of());
        if (matches.size() == 1) {
            return new Match(matches.iterator().next(), null);
        }
        if (matches.isEmpty()) {
            return new Match(null, "未知的校区“" + LabelIndex.shorten(codeOrName) + "”，可选：" + choices(active));
        }
        return new Match(null, "“" + LabelIndex.shorten(codeOrName) + "”可指多个校区："
                + matches.stream().map(Campus::name).collect(Collectors.joining("、")) + "，请写校区全称");
    }

    /** The code of the campus named, or {@code null} (and the field's problem noted) when it names none. */
    public String code(ProblemSink problems, String field, String codeOrName, boolean required) {
        if (codeOrName == null || codeOrName.isBlank()) {
            if (required) {
                problems.problem(field, "必填，可选：" + choices(campuses.findActive()));
            }
            return null;
        }
        Match match = find(codeOrName);
        if (!match.found()) {
            problems.problem(field, match.problem());
            return null;
        }
        return match.campus().code();
    }

    /**
     * As {@link #code}, and only a campus {@code scope} sees: another is the field's problem (您不负责北京海淀校区) and
     * {@code null}, as a campus that does not exist is.
     */
    public String codeWithin(Scope scope, ProblemSink problems, String field, String codeOrName, boolean required) {
        String code = code(problems, field, codeOrName, required);
        if (code != null && !scope.seesCampus(code)) {
            problems.problem(field, "您不负责" + nameOf(code));
            return null;
        }
        return code;
    }

    /** Where {@link #code} notes a problem (InputRules, a task form's check). */
    @FunctionalInterface
    public interface ProblemSink {
        void problem(String field, String message);
    }

    /** The campus's name (北京海淀校区) for a code, to show beside it; {@code null} for no or an unknown code. */
    public String nameOf(String code) {
        return code == null ? null : campuses.findActive(code).map(Campus::name).orElse(null);
    }

    /** Every active campus's name by its code, in one read (a report naming many campuses). */
    public Map<String, String> activeNames() {
        Map<String, String> names = new HashMap<>();
        campuses.findActive().forEach(c -> names.put(c.code(), c.name()));
        return names;
    }

    /** Active campus names in code order, joined by 、: the choices an answer lists. */
    public String choices() {
        return choices(campuses.findActive());
    }

    private static String choices(List<Campus> active) {
        return active.stream().map(Campus::name).collect(Collectors.joining("、"));
    }

    /** Every word that names the campus: code, tenant id, full name and its short forms. */
    public static List<String> words(Campus c) {
        Set<String> words = new LinkedHashSet<>();
        words.add(c.code());
        words.add(c.tenantId());
        String name = c.name();
        words.add(name);
        String withoutCity = c.city() != null && !c.city().isBlank() && name.startsWith(c.city())
                && name.length() > c.city().length() ? name.substring(c.city().length()) : name;
        words.add(withoutCity);
        for (String n : List.of(name, withoutCity)) {
            if (n.endsWith("校区") && n.length() > 2) {
                words.add(n.substring(0, n.length() - 2));
            }
        }
        return new ArrayList<>(words);
    }

    private static Map<String, Set<Campus>> index(List<Campus> active) {
        Map<String, Set<Campus>> byKey = new LinkedHashMap<>();
        for (Campus c : active) {
            for (String word : words(c)) {
                byKey.computeIfAbsent(LabelIndex.key(word), k -> new LinkedHashSet<>()).add(c);
            }
        }
        // a campus's own code or full name is never ambiguous, even if it equals another campus's short name
        for (Campus c : active) {
            byKey.put(LabelIndex.key(c.code()), Set.of(c));
            byKey.put(LabelIndex.key(c.name()), Set.of(c));
        }
        return byKey;
    }
}
