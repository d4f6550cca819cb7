/** The engine side of 满意度调查: satisfaction-survey.bpmn's start, answer message and delegates. */
package com.enrollflow.workflow.survey;
