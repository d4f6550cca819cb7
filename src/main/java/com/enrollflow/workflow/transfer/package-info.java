/** The engine side of 转课: transfer.bpmn's start, delegates and the settlement table's inputs. */
package com.enrollflow.workflow.transfer;
