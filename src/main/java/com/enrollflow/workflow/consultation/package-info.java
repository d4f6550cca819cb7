/** consultation.bpmn (到访与方案规划): visit booking, visit, placement test, plan and quote. */
package com.enrollflow.workflow.consultation;
