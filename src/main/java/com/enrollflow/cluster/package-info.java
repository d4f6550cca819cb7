/**
 * Running as one of several nodes on one database: the node's name (job lock owner, metrics tag, log field), the
 * job executor that logs every job it ran under that name, and the operators' gauges read from the engine (job
 * backlog, failed jobs, incidents, overdue tasks). See docs/operations.md, section Cluster.
 */
package com.enrollflow.cluster;
