package com.enrollflow.renewal;

/** Starts renewal.bpmn (续费) for a stored renewal. */
public interface RenewalProcess {

    void start(Renewal renewal);

    /** The contract it renews ended (原合同已退费): the renewal's process ends where it waits. */
    void contractEnded(Renewal renewal);
}
