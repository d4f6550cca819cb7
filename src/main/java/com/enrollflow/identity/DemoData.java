package com.enrollflow.identity;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.IdentityServiceImpl;
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
import com.enrollflow.reference.StaffRole;

/**
 * Demo campuses, sales teams (one per strategy) and staff accounts, all with password {@code demo}
 * ({@code enrollflow.demo.enabled}; off in the postgres profile). Never for production.
 *
 * <p>Campus scope (校区数据范围): 北京海淀 (BJ-HD) and 上海浦东 (SH-PD) are fully staffed, a user for every role at
 * each; 北京朝阳 and 上海徐汇 have their consultants; the call centre agents serve two (zhangli) and four (wangfang) campuses; the
 * 总部 (head office) users see every campus through the group {@code headOffice}.
 */
@Component
@ConditionalOnProperty(name = "enrollflow.demo.enabled", havingValue = "true")
class DemoData {

    static final String PASSWORD = "demo";

    /**
     * A demo account: its name (姓, 名), its groups, and the campuses (codes) or call centres (tenant ids) it works
     * for.
     */
    record DemoUser(String id, String familyName, String givenName, List<String> groups, List<String> worksFor) {

        DemoUser(String id, String familyName, String givenName, StaffRole role, String... worksFor) {
            this(id, familyName, givenName, List.of(role.groupId()), List.of(worksFor));
        }

        /** 总部: every campus through the group headOffice, with a role or none. */
        static DemoUser headOffice(String id, String familyName, String givenName, StaffRole... roles) {
            List<String> groups = new java.util.ArrayList<>(List.of(StaffRole.HEAD_OFFICE_GROUP));
            for (StaffRole role : roles) {
                groups.add(role.groupId());
            }
            return new DemoUser(id, familyName, givenName, List.copyOf(groups), List.of());
        }
    }

    static final List<DemoUser> USERS = List.of(
            // 北京海淀校区: every role
            new DemoUser("zhangli", "张", "丽", StaffRole.CALL_CENTER, "HQCC", "BJ-HD", "BJ-CY"),
            new DemoUser("liwei", "李", "伟", StaffRole.CONSULTANT, "BJ-HD"),
            new DemoUser("chenjing", "陈", "静", StaffRole.CONSULTANT, "BJ-HD"),
            new DemoUser("liuyang", "刘", "洋", StaffRole.CONSULTANT, "BJ-HD"),
            new DemoUser("zhaolei", "赵", "磊", StaffRole.CONSULTANT, "BJ-HD"),
            new DemoUser("sunli", "孙", "丽", StaffRole.CONSULTANT, "BJ-HD"),
            new DemoUser("zhaomin", "赵", "敏", StaffRole.FRONT_DESK, "BJ-HD"),
            new DemoUser("sunqiang", "孙", "强", StaffRole.SALES_SUPERVISOR, "BJ-HD"),
            new DemoUser("zhouhua", "周", "华", StaffRole.CAMPUS_DIRECTOR, "BJ-HD"),
            new DemoUser("wuting", "吴", "婷", StaffRole.ACADEMIC_AFFAIRS, "BJ-HD"),
            new DemoUser("zhengkai", "郑", "凯", StaffRole.TEACHER, "BJ-HD"),
            new DemoUser("fengyu", "冯", "雨", StaffRole.FINANCE, "BJ-HD"),
            new DemoUser("chenxi", "陈", "曦", StaffRole.CUSTOMER_SERVICE, "BJ-HD"),
            new DemoUser("hanmei", "韩", "梅", StaffRole.MARKETING, "BJ-HD"),
            // 北京朝阳校区: consultants
            new DemoUser("zhoujie", "周", "杰", StaffRole.CONSULTANT, "BJ-CY"),
            new DemoUser("wuyan", "吴", "燕", StaffRole.CONSULTANT, "BJ-CY"),
            // 上海浦东校区: every role
            new DemoUser("wangfang", "王", "芳", StaffRole.CALL_CENTER, "HQCC", "BJ-HD", "BJ-CY", "SH-PD", "SH-XH"),
            new DemoUser("xuming", "徐", "明", StaffRole.CONSULTANT, "SH-PD"),
            new DemoUser("jiangtao", "蒋", "涛", StaffRole.CONSULTANT, "SH-PD"),
            new DemoUser("yexin", "叶", "欣", StaffRole.CONSULTANT, "SH-PD"),
            new DemoUser("luyao", "陆", "瑶", StaffRole.CONSULTANT, "SH-PD"),
            new DemoUser("shenjia", "沈", "佳", StaffRole.FRONT_DESK, "SH-PD"),
            new DemoUser("panlei", "潘", "磊", StaffRole.SALES_SUPERVISOR, "SH-PD"),
            new DemoUser("caiwen", "蔡", "雯", StaffRole.CAMPUS_DIRECTOR, "SH-PD"),
            new DemoUser("dingning", "丁", "宁", StaffRole.ACADEMIC_AFFAIRS, "SH-PD"),
            new DemoUser("hubin", "胡", "斌", StaffRole.TEACHER, "SH-PD"),
            new DemoUser("yuanli", "袁", "丽", StaffRole.FINANCE, "SH-PD"),
            new DemoUser("taoran", "陶", "然", StaffRole.CUSTOMER_SERVICE, "SH-PD"),
            new DemoUser("weiqing", "魏", "青", StaffRole.MARKETING, "SH-PD"),
            // 上海徐汇校区: consultants
            new DemoUser("kongfan", "孔", "帆", StaffRole.CONSULTANT, "SH-XH"),
            new DemoUser("mengyu", "孟", "雨", StaffRole.CONSULTANT, "SH-XH"),
            // 总部: every campus, through the group headOffice
            DemoUser.headOffice("gaofeng", "高", "峰"),
            DemoUser.headOffice("qinlan", "秦", "岚", StaffRole.FINANCE),
            DemoUser.headOffice("lujun", "陆", "军", StaffRole.MARKETING),
            // 总部退费审批: the finance manager and the head-office director approve the largest refunds
            DemoUser.headOffice("heyun", "何", "云", StaffRole.FINANCE_MANAGER),
            DemoUser.headOffice("songtao", "宋", "涛", StaffRole.HEAD_OFFICE_DIRECTOR),
            // 总部流程负责人: edits bpmn/ in Modeler, puts changed decision tables live (docs/editing-processes.md)
            new DemoUser("linyi", "林", "毅", List.of(StaffRole.HEAD_OFFICE_GROUP, StaffRole.PROCESS_OWNER_GROUP),
                    List.of()));

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
            "SHPD1V1", List.of("xuming", "jiangtao"),
            "SHPDCLASS", List.of("yexin", "luyao"),
            "SHXH1V1", List.of("kongfan", "mengyu"),
            "SHXHCLASS", List.of("mengyu", "kongfan"));
    static final int DEMO_CAPACITY = 30;

    private final IdentityService identity;
    private final AccessSetup access;
    private final CampusRepository campuses;
    private final CourseCatalog courses;
    private final TeamRepository teams;
    private final Clock clock;

    DemoData(IdentityService identity, AccessSetup access, CampusRepository campuses, CourseCatalog courses,
            TeamRepository teams, Clock clock) {
        this.identity = identity;
        this.access = access;
        this.campuses = campuses;
        this.courses = courses;
        this.teams = teams;
        this.clock = clock;
    }

    @EventListener(ApplicationReadyEvent.class)
    @Order(2)
    public void load() {
        CAMPUSES.forEach(campuses::save);
        access.ensureTenants();
        courses.saveDemoCourses();
        for (DemoUser u : USERS) {
            User existing = identity.createUserQuery().userId(u.id()).singleResult();
            if (existing == null) {
                User user = identity.newUser(u.id());
                // 姓 in the first name field, 名 in the last, as Admin labels them (StaffNames, decision 693)
                user.setFirstName(u.familyName());
                user.setLastName(u.givenName());
                user.setEmail(u.id() + "@demo.enrollflow.local");
                user.setPassword(PASSWORD);
                // the public demo password breaks the password policy on purpose (README, decision 658): demo only
                ((IdentityServiceImpl) identity).saveUser(user, true);
            } else if (isBlank(existing.getLastName())
                    && (u.familyName() + u.givenName()).equals(existing.getFirstName())) {
                // a demo database from before decision 693 held the whole name in the first field, and Admin could
                // not save the account without a 名
                existing.setFirstName(u.familyName());
                existing.setLastName(u.givenName());
                ((IdentityServiceImpl) identity).saveUser(existing, true);
            }
            // memberships are checked on every start, so a demo database from before campus scope gets them too
            for (String group : u.groups()) {
                if (identity.createUserQuery().userId(u.id()).memberOfGroup(group).count() == 0) {
                    identity.createMembership(u.id(), group);
                }
            }
            for (String place : u.worksFor()) {
                String tenant = Campus.tenantId(place);
                if (identity.createTenantQuery().userMember(u.id()).tenantId(tenant).count() == 0) {
                    identity.createTenantUserMembership(tenant, u.id());
                }
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

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
