/** The engine side of 客户关怀: customer-care.bpmn's daily sweep, care-call.bpmn's task, and the care tables. */
package com.enrollflow.workflow.care;
