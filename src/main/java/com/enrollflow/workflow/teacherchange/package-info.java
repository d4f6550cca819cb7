/**
 * The engine side of 更换教师: teacher-change.bpmn's start and delegates, and the Tasklist start form 申请更换教师
 * (teacher-change-request.bpmn), which submits the same request as the API.
 */
package com.enrollflow.workflow.teacherchange;
