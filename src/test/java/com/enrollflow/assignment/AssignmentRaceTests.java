package com.enrollflow.assignment;

import static org.assertj.core.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.enrollflow.testsupport.Assignments;
import com.enrollflow.testsupport.EnrollFlowTest;

/**
 * Races that the database decides: a recycle timer against the owner's first contact, two claims of one pool
 * lead, and concurrent assignments against a member's capacity. Each round starts both sides on a latch.
 */
@EnrollFlowTest
class AssignmentRaceTests {

    private static final int ROUNDS = 8;

    @Autowired
    ProcessEngine engine;
    @Autowired
    Assignments assignments;
    @Autowired
    TeamRepository teams;
    @Autowired
    AssignmentService service;
    @Autowired
    TeamAdministration administration;
    @Autowired
    org.springframework.transaction.support.TransactionTemplate transaction;
    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    private final ExecutorService pool = Executors.newFixedThreadPool(4);

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    @Test
    void shouldRecycleOrRecordTheFirstContactButNeverBothWhenTheTimerFiresDuringCompletion() throws Exception {
        String team = assignments.team(AssignmentStrategy.FEWEST_OPEN, "liwei", "chenjing");
        int recycledWins = 0;
        int contactWins = 0;
        for (int round = 0; round < ROUNDS; round++) {
            long id = assignments.intentOpportunity();
            ProcessInstance pi = assignments.start(id, team);
            var task = assignments.task(pi);
            String jobId = engine.getManagementService().createJobQuery().processInstanceId(pi.getId())
                    .activityId("BoundaryEvent_FirstContactOverdue").singleResult().getId();
            List<Boolean> outcomes = race(
                    () -> engine.getManagementService().executeJob(jobId),
                    () -> engine.getTaskService().complete(task.getId(), Map.of("firstContactOutcome", "CONTACTED",
                            "contactNote", "刚好联系上")));
            assertThat(outcomes).as("round %d: exactly one side wins", round).containsOnlyOnce(true);
            List<AssignmentEventKind> history = assignments.history(id);
            boolean recycled = history.contains(AssignmentEventKind.RECYCLED_UNHANDLED);
            boolean contacted = assignments.column(id, "first_contact_at", java.time.OffsetDateTime.class) != null;
            assertThat(recycled ^ contacted).as("round %d: recycled=%s contacted=%s %s", round, recycled, contacted,
                    history).isTrue();
            assertThat(history.stream().filter(k -> k == AssignmentEventKind.RECYCLED_UNHANDLED)).hasSizeLessThan(2);
            if (recycled) {
                recycledWins++;
                assertThat(assignments.task(pi).getTaskDefinitionKey()).isEqualTo("Task_MakeFirstContact");
                assertThat(assignments.owner(id)).isNotEqualTo(task.getAssignee());
            } else {
                contactWins++;
                assertThat(assignments.task(pi).getTaskDefinitionKey()).isEqualTo("Task_FollowUpOpportunity");
                assertThat(assignments.owner(id)).isEqualTo(task.getAssignee());
            }
        }
        System.out.printf("recycle timer vs first contact: %d recycled, %d contacted%n", recycledWins, contactWins);
    }

    @Test
    void shouldGiveAPoolLeadToExactlyOneOfTwoSimultaneousClaimers() throws Exception {
        String team = assignments.team(AssignmentStrategy.ROUND_ROBIN_CLAIM, 100, 100, "zhangli", "wangfang");
        for (int round = 0; round < ROUNDS; round++) {
            long id = assignments.intentOpportunity();
            ProcessInstance pi = assignments.start(id, team);
            String taskId = assignments.task(pi).getId();
            List<Throwable> failures = new ArrayList<>();
            List<Boolean> outcomes = race(failures,
                    () -> engine.getTaskService().claim(taskId, "zhangli"),
                    () -> engine.getTaskService().claim(taskId, "wangfang"));
            assertThat(outcomes).containsOnlyOnce(true);
            String winner = outcomes.get(0) ? "zhangli" : "wangfang";
            assertThat(assignments.owner(id)).isEqualTo(winner);
            assertThat(assignments.task(pi).getAssignee()).isEqualTo(winner);
            assertThat(failures).singleElement().extracting(Throwable::getMessage).asString()
                    .containsAnyOf("已被", "already claimed", "was updated by another transaction concurrently");
            assertThat(assignments.history(id).stream().filter(k -> k == AssignmentEventKind.CLAIMED)).hasSize(1);
        }
    }

    @Test
    void shouldNeverPushAMemberPastCapacityWhenAssignmentsRunAtOnce() throws Exception {
        String team = assignments.team(AssignmentStrategy.FEWEST_OPEN, 5, 1, "zhaolei", "sunli");
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(assignments.intentOpportunity());
        }
        List<Boolean> outcomes = race(
                () -> assignments.start(ids.get(0), team),
                () -> assignments.start(ids.get(1), team),
                () -> assignments.start(ids.get(2), team));
        assertThat(outcomes).containsOnly(true);
        assertThat(teams.openCount(team, "zhaolei")).isEqualTo(1);
        assertThat(teams.openCount(team, "sunli")).isEqualTo(1);
        long waitingForSupervisor = engine.getTaskService().createTaskQuery()
                .processInstanceBusinessKeyIn(ids.stream().map(String::valueOf).toArray(String[]::new))
                .taskDefinitionKey("Task_DesignateOwner").count();
        assertThat(waitingForSupervisor).isEqualTo(1);
    }

    /**
     * A supervisor hands a leaving consultant's leads over while the recycle of one of them is under way: the recycle
     * holds that lead and is about to lock the member it chose, the hand-over has begun. Each locks the lead before
     * the receiving member (decision 529), so one waits for the other: both finish, nobody is asked to try again, the
     * recycled lead stays with the member the recycle chose and the other goes to the named one.
     */
    @Test
    void shouldHandOverTheLeavingMembersLeadsWhileARecycleOfOneOfThemIsUnderWay() throws Exception {
        String team = assignments.team(AssignmentStrategy.FEWEST_OPEN, "zhaolei", "sunli");
        long first = assignments.intentOpportunity();
        long recycled = assignments.intentOpportunity();
        for (long id : List.of(first, recycled)) {
            jdbc.sql("update opportunity set team_id = ?, owner_user = 'zhaolei', owner_group = 'consultant', "
                    + "assigned_at = ? where id = ?").params(team, java.time.OffsetDateTime.now(), id).update();
        }
        CountDownLatch recycleHoldsTheLead = new CountDownLatch(1);
        CountDownLatch handOverStarted = new CountDownLatch(1);
        Future<Choice> recycle = pool.submit(() -> transaction.execute(status -> {
            service.recycle(recycled, RecycleKind.UNHANDLED);
            recycleHoldsTheLead.countDown();
            try {
                handOverStarted.await(30, TimeUnit.SECONDS);
                // the hand-over runs on meanwhile, until it waits for this lead
                Thread.sleep(1500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return service.distribute(recycled, "zhaolei", "system");
        }));
        recycleHoldsTheLead.await(30, TimeUnit.SECONDS);
        Future<List<TeamAdministration.Moved>> handOver = pool.submit(() -> {
            handOverStarted.countDown();
            return administration.handOver(team, "zhaolei", List.of("sunli"), MemberStatus.LEFT, "sunqiang");
        });

        assertThat(recycle.get(60, TimeUnit.SECONDS).userId()).isEqualTo("sunli");
        assertThat(handOver.get(60, TimeUnit.SECONDS)).extracting(TeamAdministration.Moved::opportunityId)
                .as("the recycled lead was no longer the leaving member's").containsExactly(first);
        assertThat(assignments.owner(first)).isEqualTo("sunli");
        assertThat(assignments.owner(recycled)).isEqualTo("sunli");
        assertThat(assignments.history(recycled)).containsOnlyOnce(AssignmentEventKind.RECYCLED_UNHANDLED)
                .doesNotContain(AssignmentEventKind.HANDED_OVER);
        assertThat(assignments.history(first)).containsOnlyOnce(AssignmentEventKind.HANDED_OVER);
        assertThat(teams.member(team, "zhaolei").orElseThrow().status()).isEqualTo(MemberStatus.LEFT);
    }

    /**
     * Two members leave at once and hand their leads to the same two colleagues in opposite orders (赵磊 → 李伟, 陈静;
     * 孙丽 → 陈静, 李伟): each hand-over locks a receiving member's row as it hands a lead on, so without an order between
     * them one held 李伟 waiting for 陈静 while the other held 陈静 waiting for 李伟, and the database broke the cycle by
     * failing one of them. Each round, every lead ends with one of the two, and both leavers are 离职.
     */
    @Test
    void shouldHandOverTwoMembersLeadsToTheSameColleaguesInOppositeOrdersWithoutADeadlock() throws Exception {
        for (int round = 0; round < 4; round++) {
            String team = assignments.team(AssignmentStrategy.FEWEST_OPEN, "zhaolei", "sunli", "liwei", "chenjing");
            List<Long> leads = new ArrayList<>();
            for (String owner : List.of("zhaolei", "sunli")) {
                for (int i = 0; i < 6; i++) {
                    long id = assignments.intentOpportunity();
                    jdbc.sql("update opportunity set team_id = ?, owner_user = ?, owner_group = 'consultant', "
                            + "assigned_at = ? where id = ?").params(team, owner, java.time.OffsetDateTime.now(), id)
                            .update();
                    leads.add(id);
                }
            }
            List<Throwable> failures = new ArrayList<>();
            List<Boolean> done = race(failures,
                    () -> administration.handOver(team, "zhaolei", List.of("liwei", "chenjing"), MemberStatus.LEFT,
                            "sunqiang"),
                    () -> administration.handOver(team, "sunli", List.of("chenjing", "liwei"), MemberStatus.LEFT,
                            "sunqiang"));
            assertThat(failures).as("round %d", round).isEmpty();
            assertThat(done).containsExactly(true, true);
            for (long id : leads) {
                assertThat(assignments.owner(id)).as("lead %d, round %d", id, round).isIn("liwei", "chenjing");
                assertThat(assignments.history(id)).containsOnlyOnce(AssignmentEventKind.HANDED_OVER);
            }
            assertThat(teams.member(team, "zhaolei").orElseThrow().status()).isEqualTo(MemberStatus.LEFT);
            assertThat(teams.member(team, "sunli").orElseThrow().status()).isEqualTo(MemberStatus.LEFT);
        }
    }

    private List<Boolean> race(Runnable... sides) throws Exception {
        return race(new ArrayList<>(), sides);
    }

    /** Runs the sides at once; true for each side that returned normally, failures collected. */
    private List<Boolean> race(List<Throwable> failures, Runnable... sides) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Throwable>> futures = new ArrayList<>();
        for (Runnable side : sides) {
            Callable<Throwable> call = () -> {
                start.await();
                try {
                    side.run();
                    return null;
                } catch (RuntimeException e) {
                    return e;
                }
            };
            futures.add(pool.submit(call));
        }
        start.countDown();
        List<Boolean> outcomes = new ArrayList<>();
        for (Future<Throwable> f : futures) {
            Throwable t = f.get(60, TimeUnit.SECONDS);
            outcomes.add(t == null);
            if (t != null) {
                failures.add(t);
            }
        }
        return outcomes;
    }
}
