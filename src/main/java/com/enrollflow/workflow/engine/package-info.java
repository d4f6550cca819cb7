/**
 * Engine plugins and the engine side of ports that need the engine's internals: campus tenants and tenant moves
 * (校区数据范围), task cards, form refusals by label, H2 indexes, erasure of history. The only package of the
 * adapter allowed to use {@code org.camunda.bpm.engine.impl} (see {@code ModularityTests}).
 */
package com.enrollflow.workflow.engine;
