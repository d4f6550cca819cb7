package com.enrollflow.assignment;

/** Who the staff are (names, roles), answered by the identity service of the engine. */
public interface StaffDirectory {

    /** The person's display name, e.g. "李伟（liwei）"; the id when unknown. */
    String displayName(String userId);

    /** Whether the user exists and belongs to the group. */
    boolean isMember(String userId, String groupId);
}
