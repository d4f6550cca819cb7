package com.enrollflow.suspension;

/** The suspension workflow as the domain sees it (implemented by workflow.suspension.CamundaSuspensionProcess). */
public interface SuspensionProcess {

    /** Starts {@code suspension} for a stored suspension; business key = the opportunity id, as every sales process. */
    void start(Suspension suspension);
}
