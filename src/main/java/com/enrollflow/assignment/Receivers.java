package com.enrollflow.assignment;

import java.util.List;

import com.enrollflow.common.ConflictException;

/**
 * Who takes a leaving member's after-sales work, in turn: the members the supervisor named, or, with none named, the
 * team's other active members still in its role at its campus (decision 538).
 */
public final class Receivers {

    private final List<String> users;
    private int next;

    Receivers(List<String> users) {
        this.users = List.copyOf(users);
    }

    /** The next receiver; refused (409, all of the hand-over undone) when the team has nobody to give it to. */
    public String next(String work) {
        if (users.isEmpty()) {
            throw new ConflictException(409, "团队中没有其他在职成员可以接手" + work + "，请指定接收人（to）");
        }
        return users.get(next++ % users.size());
    }
}
