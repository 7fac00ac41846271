/** Plots and reports, rendered with XChart. The only package that draws. */
package io.odecast.report;
