/**
 * 更换教师 (teacher change): a 1:1 contract in force keeps its course, its lessons and its money, and gets another
 * teacher. The lessons not yet begun with the current teacher are released and the lessons still owed are proposed
 * again through 一对一排课 for the same subject, grade and level, the current teacher excluded; the family is mailed
 * the new teacher and the customer's timeline keeps it. Asked through POST /api/contracts/{id}/teacher-changes, the
 * Tasklist start form 申请更换教师, or from 处理投诉 ({@code complaint}). The engine side is in
 * {@code workflow.teacherchange}.
 */
package com.enrollflow.teacherchange;
