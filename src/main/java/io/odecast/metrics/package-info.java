/**
 * Micrometer metrics: the only package that imports Micrometer. The rest of odecast reports through
 * listener interfaces ({@link io.odecast.stream.StreamListener}, {@link io.odecast.stream.RetrainListener}),
 * which {@link io.odecast.metrics.OdecastMetrics} turns into meters scraped by Prometheus.
 */
package io.odecast.metrics;
