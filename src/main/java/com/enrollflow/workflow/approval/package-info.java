/** discount-approval.bpmn (优惠审批): the levels from DMN, each approval task and its decision. */
package com.enrollflow.workflow.approval;
