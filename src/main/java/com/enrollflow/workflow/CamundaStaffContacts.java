package com.enrollflow.workflow;

import java.util.List;
import java.util.Optional;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.springframework.stereotype.Component;

import com.enrollflow.notification.StaffContacts;
import com.enrollflow.reference.StaffRole;

/** Staff contacts from the engine's users, groups and tenants (a campus is a tenant). */
@Component
class CamundaStaffContacts implements StaffContacts {

    private final IdentityService identity;

    CamundaStaffContacts(IdentityService identity) {
        this.identity = identity;
    }

    @Override
    public Optional<Contact> user(String userId) {
        return userId == null ? Optional.empty()
                : Optional.ofNullable(identity.createUserQuery().userId(userId).singleResult()).map(this::contact);
    }

    /**
     * A campus role's members of the campus (its tenant's user members); a head-office role's members who work for
     * the campus through a group (the head-office group is a member of every campus's tenant): the engine's user query
     * looks at a user's own tenant memberships only, and no head-office approver was ever mailed.
     */
    @Override
    public List<Contact> ofRoleAtCampus(String group, String campusTenantId) {
        if (StaffRole.headOfficeRole(group)) {
            return identity.createUserQuery().memberOfGroup(group).list().stream()
                    .filter(u -> identity.createTenantQuery().tenantId(campusTenantId).userMember(u.getId())
                            .includingGroupsOfUser(true).count() > 0)
                    .map(this::contact).toList();
        }
        return identity.createUserQuery().memberOfGroup(group).memberOfTenant(campusTenantId).list().stream()
                .map(this::contact).toList();
    }

    private Contact contact(User u) {
        return new Contact(u.getId(), OptionLists.personName(u), u.getEmail());
    }
}
