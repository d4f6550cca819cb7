/**
 * The engine side of teaching (课消): the consumption table (lesson-consumption.dmn), the processes of attendance,
 * roll calls, lesson moves, 补课 and remaining hours, and what follows each lesson consumed (课消后续跟进).
 */
package com.enrollflow.workflow.teaching;
