package com.enrollflow.assignment;

/** Who the staff are (names, roles), answered by the identity service of the engine. */
public interface StaffDirectory {

    /** The person's display name, e.g. "李伟（liwei）"; the id when unknown. */
    String displayName(String userId);

    /** Display names of several users at once (one look-up), by user id; unknown ids map to themselves. */
    java.util.Map<String, String> displayNames(java.util.Collection<String> userIds);

    /** Whether the user exists and belongs to the group. */
    boolean isMember(String userId, String groupId);
}
