/**
 * 休学/停课 (suspension): a student pauses for a period; the lessons from its first day on are released for others, and
 * before its last day academic affairs arrange the resumption, whose lessons are proposed again by 1:1 scheduling.
 */
package com.enrollflow.suspension;
