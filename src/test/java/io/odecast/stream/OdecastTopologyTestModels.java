package io.odecast.stream;

import io.odecast.train.NeuralOdeModel;

/** A small fixed model for tests of the streaming path. */
public final class OdecastTopologyTestModels {

    private OdecastTopologyTestModels() {
    }

    public static NeuralOdeModel model() {
        return OdecastTopologyTest.model();
    }
}
