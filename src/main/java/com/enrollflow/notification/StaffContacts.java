package com.enrollflow.notification;

import java.util.List;
import java.util.Optional;

/**
 * Who on the staff gets a mail: a user by id, or the members of a role at one campus (校区数据范围: a campus's
 * approvers and directors only). The engine's identity service answers (workflow.CamundaStaffContacts).
 */
public interface StaffContacts {

    /** {@code name}: the whole name, family name first (李伟), as a mail greets the person. */
    record Contact(String userId, String name, String email) {
    }

    Optional<Contact> user(String userId);

    /** The members of a group (campusDirector, salesSupervisor …) who work at the campus with this tenant id. */
    List<Contact> ofRoleAtCampus(String group, String campusTenantId);
}
