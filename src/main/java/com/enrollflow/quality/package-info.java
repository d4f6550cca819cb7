/**
 * 质检 (quality reviews): each Monday a fair sample of last week's finished follow-ups and service calls per campus
 * (the size from the process owner's quality-sample.dmn) is stored for the campus's sales supervisor to score 1–5
 * with a comment; a score at or below the table's threshold asks the staff member who did the work to improve.
 * The engine side is in {@code workflow.quality}.
 */
package com.enrollflow.quality;
