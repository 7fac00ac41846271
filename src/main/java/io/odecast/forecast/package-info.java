/**
 * Observations in, forecasts out: parsing and validating observation records (with a reason for
 * every rejection), forecasting from the latest observed state, and the forecast's continuous curve
 * in a JSON form any consumer can evaluate at any time.
 */
package io.odecast.forecast;
