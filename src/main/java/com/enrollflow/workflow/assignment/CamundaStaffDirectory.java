package com.enrollflow.workflow.assignment;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.springframework.stereotype.Component;

import com.enrollflow.assignment.StaffDirectory;
import com.enrollflow.identity.SystemLookups;
import com.enrollflow.reference.Campus;
import com.enrollflow.workflow.OptionLists;

/** Staff names and memberships from the engine's identity service (Camunda users and groups). */
@Component
class CamundaStaffDirectory implements StaffDirectory {

    private final IdentityService identity;
    private final SystemLookups system;

    CamundaStaffDirectory(IdentityService identity, SystemLookups system) {
        this.identity = identity;
        this.system = system;
    }

    @Override
    public String personName(String userId) {
        return named(userId, OptionLists::personName);
    }

    @Override
    public String displayName(String userId) {
        return named(userId, OptionLists::displayName);
    }

    /** The user's name as {@code shown}; the id when there is no such user, nothing for no id. */
    private String named(String userId, Function<User, String> shown) {
        if (userId == null) {
            return "";
        }
        User user = identity.createUserQuery().userId(userId).singleResult();
        return user == null ? userId : shown.apply(user);
    }

    @Override
    public Map<String, String> displayNames(Collection<String> userIds) {
        Map<String, String> names = new HashMap<>();
        userIds.forEach(id -> names.put(id, id));
        if (!userIds.isEmpty()) {
            // unlimitedList: as many users as ids asked for, also when a user is authenticated (queryMaxResultsLimit)
            identity.createUserQuery().userIdIn(userIds.toArray(String[]::new)).unlimitedList()
                    .forEach(u -> names.put(u.getId(), OptionLists.displayName(u)));
        }
        return names;
    }

    @Override
    public Set<String> campusStaff(String campusCode) {
        return system.unrestricted(() -> identity.createUserQuery().memberOfTenant(Campus.tenantId(campusCode))
                .list().stream().map(User::getId).collect(Collectors.toSet()));
    }

    @Override
    public boolean worksAt(String userId, String campusCode) {
        return system.unrestricted(() -> identity.createTenantQuery().userMember(userId)
                .tenantId(Campus.tenantId(campusCode)).count() > 0);
    }

    @Override
    public String groupName(String groupId) {
        return system.unrestricted(() -> java.util.Optional.ofNullable(identity.createGroupQuery().groupId(groupId)
                .singleResult()).map(org.camunda.bpm.engine.identity.Group::getName).filter(n -> n != null
                        && !n.isBlank()).orElse(groupId));
    }

    @Override
    public boolean isMember(String userId, String groupId) {
        // the directory's answer never depends on who asks (a teacher's mark may start a renewal)
        return system.unrestricted(() -> identity.createUserQuery().userId(userId).memberOfGroup(groupId).count() > 0);
    }
}
