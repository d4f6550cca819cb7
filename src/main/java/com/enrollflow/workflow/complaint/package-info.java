/** The engine side of complaints (投诉): complaint.bpmn's delegates and listeners, its start, and the routing table. */
package com.enrollflow.workflow.complaint;
