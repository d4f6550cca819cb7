package com.enrollflow.complaint;

/** The complaint workflow as the domain sees it (implemented by workflow.complaint.CamundaComplaintProcess). */
public interface ComplaintProcess {

    /** Starts {@code complaint} for a stored complaint; business key = its number (TS000012). */
    void start(Complaint complaint);
}
