/** The engine side of 质检: quality-check.bpmn's weekly sample, quality-review.bpmn's scoring and coaching tasks. */
package com.enrollflow.workflow.quality;
