package io.odecast.ode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class OdeMethodTest {

    @Test
    void everyMethodIsFoundByItsNameInAnyCase() {
        for (OdeMethod m : OdeMethod.values()) {
            assertThat(OdeMethod.byName(m.id())).isSameAs(m);
            assertThat(OdeMethod.byName(m.id().toUpperCase())).isSameAs(m);
        }
        assertThat(OdeMethod.names()).isEqualTo("euler, midpoint, rk4, bosh3, dopri5");
    }

    @Test
    void anUnknownNameListsTheKnownOnes() {
        assertThatThrownBy(() -> OdeMethod.byName("rk45"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown ODE method 'rk45'; known methods: euler, midpoint, rk4, bosh3, dopri5");
    }

    @Test
    void onlyEmbeddedPairsAreAdaptive() {
        assertThat(OdeMethod.DOPRI5.adaptive()).isTrue();
        assertThat(OdeMethod.BOSH3.adaptive()).isTrue();
        assertThat(OdeMethod.RK4.adaptive()).isFalse();
        assertThatThrownBy(() -> OdeSolver.of(OdeMethod.RK4, SolverOptions.defaults()))
                .hasMessageContaining("rk4 has no error estimate: give it a fixed step size");
    }
}
