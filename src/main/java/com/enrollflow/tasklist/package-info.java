/**
 * What EnrollFlow adds to Tasklist beside its forms: after 启动, the number of what was stored and what happens next
 * ({@link com.enrollflow.tasklist.StartResultResource}, read by
 * {@code plugin-webapp/enrollflow-start-result/app/plugin.js} through the webapp's own session).
 */
package com.enrollflow.tasklist;
