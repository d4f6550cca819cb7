package com.enrollflow.assignment;

import java.util.List;

/**
 * Work a leaving member holds outside the team's open opportunities — a family's renewal (续费), an overdue
 * installment to chase (催缴), their own coaching (辅导改进) — handed over with them by 离职转交, in the same
 * transaction (decisions 538, 540). Implemented by the feature that owns the work; the hand-over only knows this
 * interface.
 */
public interface MemberWork {

    /**
     * Moves what {@code from} holds at the team's campus for the team's product line to {@code receivers}, one piece
     * of work at a time, or ends what has no sense without them once they have left ({@code status} 离职); returns
     * what moved or ended.
     */
    List<TeamAdministration.Moved> handOver(Team team, String from, MemberStatus status, Receivers receivers,
            String actor);
}
