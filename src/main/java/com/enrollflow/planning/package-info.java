/**
 * 销售计划: yearly and monthly targets campus directors set per campus, team and product line, and the report that
 * puts beside each target the actual revenue and orders and a forecast (the open pipeline at the conversion rates
 * measured), from the project's own tables.
 */
package com.enrollflow.planning;
