package com.enrollflow.renewal;

import java.util.ArrayList;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.enrollflow.assignment.AssignmentTasks;
import com.enrollflow.assignment.MemberStatus;
import com.enrollflow.assignment.MemberWork;
import com.enrollflow.assignment.Receivers;
import com.enrollflow.assignment.StaffDirectory;
import com.enrollflow.assignment.Team;
import com.enrollflow.assignment.TeamAdministration.Moved;
import com.enrollflow.customer.TimelineEvent;
import com.enrollflow.opportunity.OpportunityService;

/**
 * 离职转交 of the renewals a leaving member is talking about or planning (续费沟通中, 暂不续费) at the team's campus and
 * product line (decision 538): the renewal, its opportunity and its open tasks pass to the receiver, and so does the
 * follow-up day's 续费沟通 still to come. Decided renewals stay as they are.
 */
@Component
class RenewalHandOver implements MemberWork {

    private final JdbcClient jdbc;
    private final Renewals renewals;
    private final OpportunityService opportunities;
    private final AssignmentTasks tasks;
    private final StaffDirectory staff;

    RenewalHandOver(JdbcClient jdbc, Renewals renewals, OpportunityService opportunities, AssignmentTasks tasks,
            StaffDirectory staff) {
        this.jdbc = jdbc;
        this.renewals = renewals;
        this.opportunities = opportunities;
        this.tasks = tasks;
        this.staff = staff;
    }

    @Override
    public List<Moved> handOver(Team team, String from, MemberStatus status, Receivers receivers, String actor) {
        // locked, so the renewal's own talk or decision waits for the hand-over, then sees the new owner
        List<Long> ids = jdbc.sql("select id from renewal where owner_user = ? and campus_code = ? "
                + "and product_line = ? and status in ('OPEN', 'POSTPONED') order by id for update")
                .params(from, team.campusCode(), team.productLine()).query(Long.class).list();
        List<Moved> moved = new ArrayList<>();
        for (long id : ids) {
            Renewal r = renewals.get(id);
            String work = "续费 " + r.renewalNo();
            String to = receivers.next(work);
            jdbc.sql("update renewal set owner_user = ? where id = ?").params(to, id).update();
            opportunities.handOverRenewal(r.opportunityId(), from, to);
            String text = "离职转交：" + work + " 由 " + staff.displayName(from) + " 转交给 " + staff.displayName(to);
            opportunities.note(r.previousOpportunityId(), TimelineEvent.HANDED_OVER, actor, text);
            opportunities.note(r.opportunityId(), TimelineEvent.HANDED_OVER, actor, text);
            moved.add(new Moved(r.opportunityId(), from, to, tasks.moveOwnerTasks(r.opportunityId(), from, to), work));
        }
        return moved;
    }
}
