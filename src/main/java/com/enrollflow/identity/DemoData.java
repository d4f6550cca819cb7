package com.enrollflow.identity;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import com.enrollflow.assignment.AssignmentStrategy;
import com.enrollflow.assignment.MemberStatus;
import com.enrollflow.assignment.Team;
import com.enrollflow.assignment.TeamRepository;
import com.enrollflow.reference.Campus;
import com.enrollflow.reference.CampusRepository;
import com.enrollflow.reference.CourseCatalog;

/**
 * Demo campuses, sales teams (one per strategy) and one or more staff accounts per role, all with password {@code demo}
 * ({@code enrollflow.demo.enabled}; off in the postgres profile). Never for production.
 */
@Component
@ConditionalOnProperty(name = "enrollflow.demo.enabled", havingValue = "true")
class DemoData {

    static final String PASSWORD = "demo";

    record DemoUser(String id, String lastName, String firstName, StaffRole role) {
    }

    static final List<DemoUser> USERS = List.of(
            new DemoUser("zhangli", "张", "丽", StaffRole.CALL_CENTER),
            new DemoUser("wangfang", "王", "芳", StaffRole.CALL_CENTER),
            new DemoUser("liwei", "李", "伟", StaffRole.CONSULTANT),
            new DemoUser("chenjing", "陈", "静", StaffRole.CONSULTANT),
            new DemoUser("liuyang", "刘", "洋", StaffRole.CONSULTANT),
            new DemoUser("zhaolei", "赵", "磊", StaffRole.CONSULTANT),
            new DemoUser("sunli", "孙", "丽", StaffRole.CONSULTANT),
            new DemoUser("zhoujie", "周", "杰", StaffRole.CONSULTANT),
            new DemoUser("wuyan", "吴", "燕", StaffRole.CONSULTANT),
            new DemoUser("xuming", "徐", "明", StaffRole.CONSULTANT),
            new DemoUser("zhaomin", "赵", "敏", StaffRole.FRONT_DESK),
            new DemoUser("sunqiang", "孙", "强", StaffRole.SALES_SUPERVISOR),
            new DemoUser("zhouhua", "周", "华", StaffRole.CAMPUS_DIRECTOR),
            new DemoUser("wuting", "吴", "婷", StaffRole.ACADEMIC_AFFAIRS),
            new DemoUser("zhengkai", "郑", "凯", StaffRole.TEACHER),
            new DemoUser("fengyu", "冯", "雨", StaffRole.FINANCE),
            new DemoUser("chenxi", "陈", "曦", StaffRole.CUSTOMER_SERVICE),
            new DemoUser("hanmei", "韩", "梅", StaffRole.MARKETING));

    static final List<Campus> CAMPUSES = List.of(
            new Campus("BJ-HD", "北京海淀校区", "北京"),
            new Campus("BJ-CY", "北京朝阳校区", "北京"),
            new Campus("SH-PD", "上海浦东校区", "上海"),
            new Campus("SH-XH", "上海徐汇校区", "上海"));

    /** One team per campus and product line, each with another of the seven strategies (team-routing.dmn). */
    static final List<Team> TEAMS = List.of(
            new Team("BJHD1V1", "海淀一对一组", "BJ-HD", "ONE_ON_ONE", AssignmentStrategy.FEWEST_OPEN, "consultant", 5, true),
            new Team("BJHDCLASS", "海淀班课组", "BJ-HD", "CLASS", AssignmentStrategy.BATCH_AVERAGE, "consultant", 5, true),
            new Team("BJCY1V1", "朝阳一对一组", "BJ-CY", "ONE_ON_ONE", AssignmentStrategy.ABILITY_AVERAGE, "consultant", 5,
                    true),
            new Team("BJCYCLASS", "朝阳班课电销组", "BJ-CY", "CLASS", AssignmentStrategy.ROUND_ROBIN_CLAIM, "callCenter", 3,
                    true),
            new Team("SHPD1V1", "浦东一对一组", "SH-PD", "ONE_ON_ONE", AssignmentStrategy.SUPERVISOR_DESIGNATES,
                    "consultant", 5, true),
            new Team("SHPDCLASS", "浦东班课组", "SH-PD", "CLASS", AssignmentStrategy.NEVER_SAME_PERSON, "consultant", 5,
                    true),
            new Team("SHXH1V1", "徐汇一对一组", "SH-XH", "ONE_ON_ONE", AssignmentStrategy.BACK_TO_SAME_PERSON, "consultant",
                    5, true),
            new Team("SHXHCLASS", "徐汇班课组", "SH-XH", "CLASS", AssignmentStrategy.FEWEST_OPEN, "consultant", 5, true));

    static final Map<String, List<String>> MEMBERS = Map.of(
            "BJHD1V1", List.of("liwei", "chenjing", "liuyang"),
            "BJHDCLASS", List.of("zhaolei", "sunli"),
            "BJCY1V1", List.of("zhoujie", "wuyan"),
            "BJCYCLASS", List.of("zhangli", "wangfang"),
            "SHPD1V1", List.of("xuming", "chenjing"),
            "SHPDCLASS", List.of("xuming", "liuyang"),
            "SHXH1V1", List.of("sunli", "zhaolei"),
            "SHXHCLASS", List.of("wuyan", "zhoujie"));
    static final int DEMO_CAPACITY = 30;

    private final IdentityService identity;
    private final CampusRepository campuses;
    private final CourseCatalog courses;
    private final TeamRepository teams;
    private final Clock clock;

    DemoData(IdentityService identity, CampusRepository campuses, CourseCatalog courses, TeamRepository teams,
            Clock clock) {
        this.identity = identity;
        this.campuses = campuses;
        this.courses = courses;
        this.teams = teams;
        this.clock = clock;
    }

    @EventListener(ApplicationReadyEvent.class)
    @Order(2)
    public void load() {
        CAMPUSES.forEach(campuses::save);
        courses.saveDemoCourses();
        for (DemoUser u : USERS) {
            if (identity.createUserQuery().userId(u.id()).count() == 0) {
                User user = identity.newUser(u.id());
                // Tasklist prints "first last": the whole Chinese name, family name first, goes first
                user.setFirstName(u.lastName() + u.firstName());
                user.setLastName("");
                user.setEmail(u.id() + "@demo.enrollflow.local");
                user.setPassword(PASSWORD);
                identity.saveUser(user);
                identity.createMembership(u.id(), u.role().groupId());
            }
        }
        for (Team team : TEAMS) {
            if (teams.find(team.id()).isEmpty()) {
                teams.save(team);
                MEMBERS.get(team.id()).forEach(user -> teams.saveMember(team.id(), user, MemberStatus.ACTIVE,
                        DEMO_CAPACITY, OffsetDateTime.now(clock)));
            }
        }
    }
}
