/** 确认报名: the step that turns a paid, scheduled opportunity into an enrolled student (enrollment.bpmn). */
package com.enrollflow.enrollment;
