/**
 * Reports (报表) read straight from the tables, never from history: the sales funnel and its rates, assignment
 * activity, and the custodial balance of prepaid fees per campus (监管余额,
 * {@link com.enrollflow.reporting.CustodialBalances}). Each report answers only for the caller's campuses.
 */
package com.enrollflow.reporting;
