/**
 * The Kafka Streams topology: observations in, forecasts out, models from a compacted topic, bad
 * records to the dead-letter topic with their reason; per-series history in a changelogged store.
 * Builds the {@link org.apache.kafka.streams.Topology} only: it never creates a {@code KafkaStreams}.
 */
package io.odecast.stream;
