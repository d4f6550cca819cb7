/** The engine side of 设定销售目标: sales-target-setting.bpmn's start form handed to the targets' service. */
package com.enrollflow.workflow.planning;
