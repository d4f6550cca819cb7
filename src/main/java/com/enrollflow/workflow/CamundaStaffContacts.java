package com.enrollflow.workflow;

import java.util.List;
import java.util.Optional;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.springframework.stereotype.Component;

import com.enrollflow.notification.StaffContacts;

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

    @Override
    public List<Contact> ofRoleAtCampus(String group, String campusTenantId) {
        return identity.createUserQuery().memberOfGroup(group).memberOfTenant(campusTenantId).list().stream()
                .map(this::contact).toList();
    }

    private Contact contact(User u) {
        return new Contact(u.getId(), u.getFirstName(), u.getEmail());
    }
}
