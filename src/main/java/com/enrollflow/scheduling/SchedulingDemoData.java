package com.enrollflow.scheduling;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import com.enrollflow.reference.Grade;
import com.enrollflow.reference.Subject;
import com.enrollflow.reference.TeacherLevel;

/**
 * Demo teachers and rooms ({@code enrollflow.demo.enabled}): five teachers and three 1:1 rooms per campus, together
 * teaching math, English, physics, Chinese and chemistry from primary to senior grades at all three levels;
 * weekday evenings 16:00–21:00 and weekends 08:00–18:00. zhengkai is BJ-HD's and hubin SH-PD's senior math teacher
 * (J1–S3).
 * Inserted only when missing. Runs after the campuses exist (identity DemoData, order 2).
 */
@Component
@ConditionalOnProperty(name = "enrollflow.demo.enabled", havingValue = "true")
class SchedulingDemoData {

    record Teaches(Subject subject, Grade from, Grade to) {
    }

    /** One teaching profile per position; each campus fills the five positions with its own teachers. */
    record Profile(TeacherLevel level, List<Teaches> teaches) {
    }

    static final List<Profile> PROFILES = List.of(
            new Profile(TeacherLevel.SENIOR, List.of(new Teaches(Subject.MATH, Grade.J1, Grade.S3))),
            new Profile(TeacherLevel.STANDARD, List.of(new Teaches(Subject.MATH, Grade.P1, Grade.P6),
                    new Teaches(Subject.CHINESE, Grade.P1, Grade.P6))),
            new Profile(TeacherLevel.MASTER, List.of(new Teaches(Subject.ENGLISH, Grade.P4, Grade.S3))),
            new Profile(TeacherLevel.STANDARD, List.of(new Teaches(Subject.PHYSICS, Grade.J2, Grade.S3),
                    new Teaches(Subject.CHEMISTRY, Grade.J3, Grade.S3))),
            new Profile(TeacherLevel.SENIOR, List.of(new Teaches(Subject.CHINESE, Grade.J1, Grade.S3),
                    new Teaches(Subject.ENGLISH, Grade.P1, Grade.J3))));

    /** Teacher names per campus, in the order of PROFILES; the first BJ-HD teacher logs in as zhengkai. */
    static final Map<String, List<String>> NAMES = Map.of(
            "BJ-HD", List.of("郑凯", "王磊", "刘敏", "陈刚", "杨帆"),
            "BJ-CY", List.of("黄涛", "林静", "何平", "高翔", "马丽"),
            "SH-PD", List.of("胡斌", "郭琳", "罗军", "梁悦", "宋雪"),
            "SH-XH", List.of("唐亮", "许蕾", "韩冰", "邓超", "曹颖"));

    /** The demo teacher accounts (identity DemoData): the first teacher of their campus, who marks attendance. */
    static final Map<String, String> LOGINS = Map.of("BJ-HD", "zhengkai", "SH-PD", "hubin");

    static final int ROOMS_PER_CAMPUS = 3;

    private final TeacherRepository teachers;
    private final RoomRepository rooms;

    SchedulingDemoData(TeacherRepository teachers, RoomRepository rooms) {
        this.teachers = teachers;
        this.rooms = rooms;
    }

    /** "BJ-HD" → "BJHD": the campus part of teacher and room ids. */
    static String idPart(String campus) {
        return campus.replace("-", "");
    }

    @EventListener(ApplicationReadyEvent.class)
    @Order(3)
    public void load() {
        NAMES.keySet().stream().sorted().forEach(this::loadCampus);
    }

    private void loadCampus(String campus) {
        List<String> names = NAMES.get(campus);
        for (int i = 0; i < PROFILES.size(); i++) {
            String id = String.format("T-%s-%02d", idPart(campus), i + 1);
            String userId = i == 0 ? LOGINS.get(campus) : null;
            if (teachers.find(id).isPresent()) {
                if (userId != null) {
                    teachers.linkLogin(id, userId); // databases from before hubin taught at SH-PD
                }
                continue;
            }
            Profile profile = PROFILES.get(i);
            teachers.save(new Teacher(id, userId, names.get(i), campus, profile.level(), true));
            profile.teaches().forEach(t -> teachers.teach(id, t.subject(), t.from(), t.to()));
            for (DayOfWeek day : DayOfWeek.values()) {
                boolean weekend = day == DayOfWeek.SATURDAY || day == DayOfWeek.SUNDAY;
                teachers.addAvailability(id, day, weekend ? LocalTime.of(8, 0) : LocalTime.of(16, 0),
                        weekend ? LocalTime.of(18, 0) : LocalTime.of(21, 0));
            }
        }
        for (int n = 1; n <= ROOMS_PER_CAMPUS; n++) {
            String id = String.format("R-%s-%02d", idPart(campus), n);
            if (rooms.find(id).isEmpty()) {
                rooms.save(new Room(id, campus, "一对一教室" + n, true));
            }
        }
    }
}
