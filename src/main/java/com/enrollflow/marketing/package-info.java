/**
 * 市场活动: campaigns as records (channel, dates, cost) that marketing keeps, and the campaign and channel ROI report:
 * leads, conversions, revenue and cost per paid student, from the project's own tables.
 */
package com.enrollflow.marketing;
