/** enrollment.bpmn (报名签约): start and signals, loading the opportunity, repeat enquiries, the last step and the sales mails. */
package com.enrollflow.workflow.enrollment;
