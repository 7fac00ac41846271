package io.odecast.app;

/** The Kafka broker an integration test runs against: embedded here, a container where Docker exists. */
interface BrokerBackend extends AutoCloseable {

    String bootstrapServers();

    @Override
    void close();

    static BrokerBackend embedded() {
        EmbeddedKafka kafka = EmbeddedKafka.start();
        return new BrokerBackend() {
            @Override
            public String bootstrapServers() {
                return kafka.bootstrapServers();
            }

            @Override
            public void close() {
                kafka.close();
            }
        };
    }
}
