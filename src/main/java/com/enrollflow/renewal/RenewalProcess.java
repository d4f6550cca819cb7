package com.enrollflow.renewal;

/** Starts renewal.bpmn (续费) for a stored renewal. */
public interface RenewalProcess {

    void start(Renewal renewal);
}
