package com.enrollflow.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Tenant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.enrollflow.customer.CustomerRepository;
import com.enrollflow.opportunity.NewOpportunity;
import com.enrollflow.opportunity.OpportunityRepository;
import com.enrollflow.reference.BusinessTime;
import com.enrollflow.reference.Campus;
import com.enrollflow.reference.CampusRepository;
import com.enrollflow.reference.Grade;
import com.enrollflow.reference.Subject;
import com.enrollflow.reference.TeacherLevel;
import com.enrollflow.testsupport.Leads;

/**
 * Test helper for scheduling: a fresh campus per test with its own teachers and rooms (so nothing else books
 * them), paid students (customer + 1:1 opportunity), and checks over what the database holds.
 */
@Component
class SchedulingFixtures {

    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static final String RUN = Integer.toString(ThreadLocalRandom.current().nextInt(1000, 9999));

    record Student(long customerId, long opportunityId, String name) {
    }

    /** A live lesson as stored: who, where, when. */
    record Booked(long id, long proposalId, String teacherId, String roomId, long customerId, OffsetDateTime startsAt,
            OffsetDateTime endsAt) {
    }

    private final CampusRepository campuses;
    private final TeacherRepository teachers;
    private final RoomRepository rooms;
    private final CustomerRepository customers;
    private final OpportunityRepository opportunities;
    private final JdbcClient jdbc;
    private final IdentityService identity;

    SchedulingFixtures(CampusRepository campuses, TeacherRepository teachers, RoomRepository rooms,
            CustomerRepository customers, OpportunityRepository opportunities, JdbcClient jdbc,
            IdentityService identity) {
        this.identity = identity;
        this.campuses = campuses;
        this.teachers = teachers;
        this.rooms = rooms;
        this.customers = customers;
        this.opportunities = opportunities;
        this.jdbc = jdbc;
    }

    /** Consultant, teacher, call centre and academic affairs of the scheduling API tests. */
    static final List<String> STAFF = List.of("liwei", "zhengkai", "zhangli", "wuting");

    String campus() {
        String code = "S" + RUN + "-" + COUNTER.incrementAndGet();
        campuses.save(new Campus(code, "测试校区" + code, "北京"));
        // campus scope (校区数据范围): the demo staff the scheduling API tests act as work at the test campus too, and
        // head office sees it; nobody else (a front desk of two campuses would have to name the campus of a walk-in)
        String tenant = Campus.tenantId(code);
        Tenant created = identity.newTenant(tenant);
        created.setName("测试校区" + code);
        identity.saveTenant(created);
        STAFF.forEach(user -> identity.createTenantUserMembership(tenant, user));
        identity.createTenantGroupMembership(tenant, "headOffice");
        return code;
    }

    /** A teacher with the demo availability: Mon–Fri 16:00–21:00, Sat–Sun 08:00–18:00. */
    String teacher(String campus, String name, TeacherLevel level, Subject subject, Grade from, Grade to) {
        String id = String.format("T-%s-%04d", campus, COUNTER.incrementAndGet());
        teachers.save(new Teacher(id, null, name, campus, level, true));
        teachers.teach(id, subject, from, to);
        for (DayOfWeek day : DayOfWeek.values()) {
            boolean weekend = day == DayOfWeek.SATURDAY || day == DayOfWeek.SUNDAY;
            teachers.addAvailability(id, day, weekend ? LocalTime.of(8, 0) : LocalTime.of(16, 0),
                    weekend ? LocalTime.of(18, 0) : LocalTime.of(21, 0));
        }
        return id;
    }

    /** A senior junior/senior-school math teacher, the kind the default request asks for. */
    String mathTeacher(String campus, String name) {
        return teacher(campus, name, TeacherLevel.SENIOR, Subject.MATH, Grade.J1, Grade.S3);
    }

    String room(String campus, String name) {
        String id = String.format("R-%s-%04d", campus, COUNTER.incrementAndGet());
        rooms.save(new Room(id, campus, name, true));
        return id;
    }

    Student student(String campus, String name) {
        long customer = customers.insert(name + "家长", "+86" + Leads.newPhone(), null, OffsetDateTime.now());
        long opportunity = opportunities.insert(new NewOpportunity(customer, "PHONE", null, campus, "ONE_ON_ONE", "J2",
                "MATH", null, "callCenter", OffsetDateTime.now()));
        return new Student(customer, opportunity, name);
    }

    /** J2 math with a senior teacher, the given number of lessons at the given weekly times. */
    static ScheduleRequest request(Student s, String campus, int lessons, LocalDate firstDate, PreferredTime... times) {
        return new ScheduleRequest(s.opportunityId(), s.customerId(), s.name(), campus, Subject.MATH, Grade.J2,
                TeacherLevel.SENIOR, lessons, List.of(times), firstDate);
    }

    static PreferredTime at(DayOfWeek day, int hour, int minute) {
        return new PreferredTime(day, LocalTime.of(hour, minute));
    }

    /** A Monday at least a week ahead, in business time. */
    static LocalDate nextMonday() {
        return LocalDate.now(BusinessTime.ZONE).plusDays(7).with(TemporalAdjusters.nextOrSame(DayOfWeek.MONDAY));
    }

    static OffsetDateTime time(LocalDate date, int hour, int minute) {
        return date.atTime(hour, minute).atZone(BusinessTime.ZONE).toOffsetDateTime();
    }

    /** Every live lesson of the campus's teachers. */
    List<Booked> liveLessons(String campus) {
        return jdbc.sql("select l.id, l.proposal_id, l.teacher_id, l.room_id, l.customer_id, l.starts_at, l.ends_at "
                + "from lesson l join teacher t on t.id = l.teacher_id where t.campus_code = ? "
                + "and l.status <> 'CANCELLED' order by l.starts_at")
                .param(campus)
                .query((rs, n) -> new Booked(rs.getLong("id"), rs.getLong("proposal_id"), rs.getString("teacher_id"),
                        rs.getString("room_id"), rs.getLong("customer_id"),
                        rs.getObject("starts_at", OffsetDateTime.class), rs.getObject("ends_at", OffsetDateTime.class)))
                .list();
    }

    /** The slot starts a lesson holds in booking_slot, per resource type. */
    Map<String, List<OffsetDateTime>> slotsOf(long lessonId) {
        return jdbc.sql("select resource_type, slot_start from booking_slot where lesson_id = ?").param(lessonId)
                .query((rs, n) -> Map.entry(rs.getString("resource_type"),
                        LessonRepository.business(rs.getObject("slot_start", OffsetDateTime.class))))
                .list().stream()
                .collect(Collectors.groupingBy(Map.Entry::getKey, Collectors.mapping(Map.Entry::getValue,
                        Collectors.collectingAndThen(Collectors.toList(), l -> l.stream().sorted().toList()))));
    }

    int slotCount(String resourceType, String resourceId) {
        return jdbc.sql("select count(*) from booking_slot where resource_type = ? and resource_id = ?")
                .params(resourceType, resourceId).query(Integer.class).single();
    }

    /** No teacher, room or student of the campus has two live lessons that overlap. */
    void assertNoOverlaps(String campus) {
        List<Booked> all = liveLessons(campus);
        assertNoOverlap("teacher", all.stream().collect(Collectors.groupingBy(Booked::teacherId)));
        assertNoOverlap("room", all.stream().collect(Collectors.groupingBy(Booked::roomId)));
        assertNoOverlap("student", all.stream().collect(Collectors.groupingBy(b -> Long.toString(b.customerId()))));
    }

    private static void assertNoOverlap(String what, Map<String, List<Booked>> byResource) {
        byResource.forEach((resource, lessons) -> {
            List<Booked> sorted = new ArrayList<>(lessons);
            sorted.sort(Comparator.comparing(b -> b.startsAt().toInstant()));
            for (int i = 1; i < sorted.size(); i++) {
                assertThat(sorted.get(i).startsAt().toInstant())
                        .as("%s %s: lesson %d overlaps lesson %d", what, resource, sorted.get(i).id(),
                                sorted.get(i - 1).id())
                        .isAfterOrEqualTo(sorted.get(i - 1).endsAt().toInstant());
            }
        });
    }
}
