package com.enrollflow.complaint;

/** The complaint workflow as the domain sees it (implemented by workflow.complaint.CamundaComplaintProcess). */
public interface ComplaintProcess {

    /**
     * Starts {@code complaint} for a stored complaint; business key = its number (TS000012). The route and the
     * reminder moments are the ones decided when it was recorded.
     */
    void start(Complaint complaint, String escalationGroup, Complaints.Warnings warnings);
}
