/**
 * Reports (报表) read straight from the tables, never from history: the sales funnel and its rates, assignment
 * activity, sales credit per person and team net of refunds (业绩报表,
 * {@link com.enrollflow.reporting.CreditReports}), the custodial balance of prepaid fees per campus (监管余额,
 * {@link com.enrollflow.reporting.CustodialBalances}), referrals, and the service levels of complaints with the
 * engine's overdue tasks (服务水平, {@link com.enrollflow.reporting.ServiceLevels} through
 * {@link com.enrollflow.reporting.TaskBacklog}). Each report answers only for the caller's campuses.
 */
package com.enrollflow.reporting;
