package com.enrollflow.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.util.Random;

import org.camunda.bpm.engine.impl.cfg.IdGenerator;

import com.fasterxml.uuid.EthernetAddress;
import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.UUIDTimer;
import com.fasterxml.uuid.impl.TimeBasedGenerator;

/**
 * The engine's ids ({@code ACT_*.ID_}): time-based UUIDs as Camunda's strong generator makes them, but with a node
 * field of this node's own. The strong generator ({@code camunda.bpm.id-generator: strong}) takes the node field from
 * the machine's network card, which is the same for every node on one host (and may be for containers on different
 * hosts: some container networks derive the card from the container's address), and its clock sequence from a
 * {@link Random} seeded with the millisecond its first id is made: two such nodes that make their first id in the same
 * millisecond make the same ids from then on, and an insert of either one fails with a duplicate key. Here the node
 * field is drawn at start from {@link SecureRandom} (47 random bits, marked as not a card's as RFC 4122 §4.5 says) and
 * so is the clock sequence. Ids stay ordered by time, as the strong generator's are.
 */
final class NodeIds implements IdGenerator {

    private final EthernetAddress node;
    private final TimeBasedGenerator uuids;

    NodeIds() {
        this(new SecureRandom());
    }

    private NodeIds(Random random) {
        this.node = EthernetAddress.constructMulticastAddress(random);
        try {
            this.uuids = Generators.timeBasedGenerator(node, new UUIDTimer(random, null));
        } catch (IOException e) {
            // only a timestamp synchronizer (a file shared between processes) reads or writes; none is given
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String getNextId() {
        return uuids.generate().toString();
    }

    /** The node field every id of this generator carries. */
    long node() {
        return node.toLong();
    }
}
