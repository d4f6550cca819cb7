package com.enrollflow.assignment;

/** Who the staff are (names, roles), answered by the identity service of the engine. */
public interface StaffDirectory {

    /** The person's display name, e.g. "李伟（liwei）"; the id when unknown. */
    String displayName(String userId);

    /** The person's name alone, e.g. "李伟", for what families read (a receipt's 经办人); the id when unknown. */
    String personName(String userId);

    /** Display names of several users at once (one look-up), by user id; unknown ids map to themselves. */
    java.util.Map<String, String> displayNames(java.util.Collection<String> userIds);

    /** Whether the user exists and belongs to the group. */
    boolean isMember(String userId, String groupId);

    /** A role group's name as staff read it (课程顾问 for consultant); the id when the group is unknown. */
    String groupName(String groupId);

    /**
     * The users who work at the campus (校区数据范围: its own staff, not head office): distribution and recycling
     * never hand an opportunity to anyone else.
     */
    java.util.Set<String> campusStaff(String campusCode);

    /** Whether the user works at the campus. */
    default boolean worksAt(String userId, String campusCode) {
        return campusStaff(campusCode).contains(userId);
    }
}
