/** privacy-retention.bpmn (个人信息保留期清理). */
package com.enrollflow.workflow.privacy;
