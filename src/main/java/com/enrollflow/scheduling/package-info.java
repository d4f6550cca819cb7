/**
 * 1:1 scheduling (一对一排课): teachers, their subjects and weekly availability, rooms, and the schedule proposed
 * for a paid 1:1 opportunity ({@link com.enrollflow.scheduling.SchedulingService}), confirmed or edited by
 * academic affairs (教务). The search ({@link com.enrollflow.scheduling.SchedulePlanner}) picks free times on a
 * snapshot; the primary key of booking_slot decides, so no teacher, room or student is ever double-booked, also
 * when proposals run at the same time. This package never imports the engine.
 */
package com.enrollflow.scheduling;
