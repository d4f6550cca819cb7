/**
 * 经营看板, the Cockpit plugin managers open beside Camunda's own pages: a navigation entry and a page with the sales
 * funnel of their campuses (chart, table, Excel), and below it 服务水平, 满意度 and 续费 (tables, Excel). The page is
 * a plain JS module ({@code plugin-webapp/enrollflow-board/app/plugin.js}); its data comes from
 * {@link com.enrollflow.cockpit.BoardResource} under {@code /camunda/api/cockpit/plugin/enrollflow-board/default/…},
 * i.e. through the webapp's own session and CSRF protection, never through /api's HTTP Basic (decision 300). The
 * figures are those of /api/reports, from the same services in {@code reporting}, {@code survey} and {@code renewal}
 * (decisions 310, 311).
 */
package com.enrollflow.cockpit;
