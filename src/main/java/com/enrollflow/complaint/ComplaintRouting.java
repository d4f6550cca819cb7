package com.enrollflow.complaint;

/**
 * Who handles a complaint and its service levels (bpmn/complaint-routing.dmn, 投诉分派与时限): the handling group of
 * the customer's campus, the first response and the resolution limits in working hours, and who it escalates to.
 */
public interface ComplaintRouting {

    String DECISION_KEY = "complaintRouting";

    record Route(String handlerGroup, double responseHours, double resolutionHours, String escalationGroup) {
    }

    Route route(ComplaintCategory category, ComplaintSeverity severity);
}
