/**
 * The composition root: configuration to running service. Starts the embedded broker when no
 * cluster is given, creates the topics, runs Kafka Streams with the production topology, trains off
 * the stream threads, serves forecasts over HTTP, and owns every lifecycle.
 */
package io.odecast.app;
