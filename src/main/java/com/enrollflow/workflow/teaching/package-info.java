/** The engine side of teaching (课消): the consumption table (lesson-consumption.dmn). */
package com.enrollflow.workflow.teaching;
