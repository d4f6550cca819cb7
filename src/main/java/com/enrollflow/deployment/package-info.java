/**
 * How models reach the running engine (发布与上线): the release deploys {@code bpmn/} and {@code forms/} as one
 * deployment at start ({@link ProcessRelease}: a changed model redeploys all processes with their forms), and the
 * decision tables apart, file by file and only when the release changed them ({@link DecisionRelease}), so a table a
 * process owner put live stays in force until a release ships a new version of it. Every deployment of a release
 * names its version ({@link Release}); a node of an older release than the live one deploys nothing, and runs only
 * the jobs of its release and older ones (rolling upgrades, docs/operations.md). docs/editing-processes.md describes
 * the route step by step.
 */
package com.enrollflow.deployment;
