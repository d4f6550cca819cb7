package com.enrollflow.workflow;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.springframework.stereotype.Component;

import com.enrollflow.assignment.StaffDirectory;

/** Staff names and memberships from the engine's identity service (Camunda users and groups). */
@Component
class CamundaStaffDirectory implements StaffDirectory {

    private final IdentityService identity;

    CamundaStaffDirectory(IdentityService identity) {
        this.identity = identity;
    }

    @Override
    public String displayName(String userId) {
        if (userId == null) {
            return "";
        }
        User user = identity.createUserQuery().userId(userId).singleResult();
        return user == null ? userId : OptionLists.displayName(user);
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
    public boolean isMember(String userId, String groupId) {
        return identity.createUserQuery().userId(userId).memberOfGroup(groupId).count() > 0;
    }
}
