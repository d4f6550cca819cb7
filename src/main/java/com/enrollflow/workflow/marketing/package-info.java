/** The engine side of 登记市场活动: campaign-registration.bpmn's start form handed to the campaigns' service. */
package com.enrollflow.workflow.marketing;
