package com.enrollflow.identity;

import java.util.List;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import com.enrollflow.reference.Campus;
import com.enrollflow.reference.CampusRepository;
import com.enrollflow.reference.CourseCatalog;

/**
 * Demo campuses and one or two staff accounts per role, all with password {@code demo}
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
            new Campus("SH-PD", "上海浦东校区", "上海"));

    private final IdentityService identity;
    private final CampusRepository campuses;
    private final CourseCatalog courses;

    DemoData(IdentityService identity, CampusRepository campuses, CourseCatalog courses) {
        this.identity = identity;
        this.campuses = campuses;
        this.courses = courses;
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
    }
}
