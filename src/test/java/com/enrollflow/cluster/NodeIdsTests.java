package com.enrollflow.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.uuid.EthernetAddress;
import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.UUIDTimer;

/** Two nodes on one machine, started at the same moment, never make the same engine id. */
class NodeIdsTests {

    private static final int IDS = 50_000;

    /**
     * What the strong generator does on each node (the machine's card, a clock sequence from a Random seeded with
     * the millisecond), for two nodes whose first ids fall in one millisecond: they make the same ids.
     */
    @Test
    void shouldShowThatTwoStrongGeneratorsStartedInOneMillisecondOnOneMachineMakeTheSameIds() throws Exception {
        EthernetAddress card = EthernetAddress.constructMulticastAddress(new Random(7));
        long millisecond = System.currentTimeMillis();
        var nodeA = Generators.timeBasedGenerator(card, new UUIDTimer(new Random(millisecond), null));
        var nodeB = Generators.timeBasedGenerator(card, new UUIDTimer(new Random(millisecond), null));

        assertThat(nodeA.generate()).isEqualTo(nodeB.generate());
    }

    @Test
    void shouldGiveTwoNodesStartedInOneMillisecondIdsOfTheirOwnOrderedByTime() {
        NodeIds[] started = startedInOneMillisecond();
        NodeIds nodeA = started[0];
        NodeIds nodeB = started[1];

        assertThat(nodeA.node()).isNotEqualTo(nodeB.node());
        List<String> a = new ArrayList<>();
        List<String> b = new ArrayList<>();
        for (int i = 0; i < IDS; i++) {
            a.add(nodeA.getNextId());
            b.add(nodeB.getNextId());
        }
        Set<String> all = new HashSet<>(a);
        all.addAll(b);
        assertThat(all).as("distinct ids of both nodes").hasSize(2 * IDS);
        assertThat(a).allSatisfy(id -> assertThat(UUID.fromString(id).node()).isEqualTo(nodeA.node()));
        assertThat(b).allSatisfy(id -> assertThat(UUID.fromString(id).node()).isEqualTo(nodeB.node()));
        // time-based as the strong generator's: each node's ids in the order it made them
        assertThat(a.stream().map(id -> UUID.fromString(id).timestamp()).toList()).isSorted();
        assertThat(UUID.fromString(a.get(0)).version()).isEqualTo(1);
    }

    /** Two generators made within one millisecond (as two nodes whose first ids fall in it). */
    private static NodeIds[] startedInOneMillisecond() {
        for (int attempt = 0; attempt < 1_000; attempt++) {
            long millisecond = System.currentTimeMillis();
            NodeIds[] pair = {new NodeIds(), new NodeIds()};
            if (System.currentTimeMillis() == millisecond) {
                return pair;
            }
        }
        throw new IllegalStateException("no two generators made within one millisecond in 1 000 tries");
    }
}
