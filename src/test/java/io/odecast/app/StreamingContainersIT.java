package io.odecast.app;

import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;

/**
 * The same tests as {@link StreamingIT} against Apache Kafka in a container. Skipped cleanly where
 * there is no Docker engine.
 */
@Testcontainers(disabledWithoutDocker = true)
class StreamingContainersIT extends StreamingIT {

    @Override
    BrokerBackend broker() {
        KafkaContainer kafka = new KafkaContainer("apache/kafka:4.1.0");
        kafka.start();
        return new BrokerBackend() {
            @Override
            public String bootstrapServers() {
                return kafka.getBootstrapServers();
            }

            @Override
            public void close() {
                kafka.stop();
            }
        };
    }
}
