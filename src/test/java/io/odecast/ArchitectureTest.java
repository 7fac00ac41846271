package io.odecast;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Keeps the arrows honest: data flows one way, and each library stays in its own package. */
class ArchitectureTest {

    private static JavaClasses production;

    @BeforeAll
    static void importClasses() {
        production = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.odecast");
    }

    @Test
    void solversDependOnTheJdkOnly() {
        classes().that().resideInAPackage("io.odecast.ode..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("io.odecast.ode..", "java..")
                .check(production);
    }

    @Test
    void examplesUseTheSolversAndNothingAbove() {
        classes().that().resideInAPackage("io.odecast.examples..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("io.odecast.examples..", "io.odecast.ode..", "java..")
                .check(production);
    }

    @Test
    void neuralFieldsBuildOnTheSolversAndNd4jOnly() {
        classes().that().resideInAPackage("io.odecast.nn..")
                .should().onlyDependOnClassesThat()
                .resideInAnyPackage("io.odecast.nn..", "io.odecast.ode..", "org.nd4j..", "java..")
                .check(production);
    }

    @Test
    void onlyNeuralFieldsUseNd4j() {
        noClasses().that().resideOutsideOfPackage("io.odecast.nn..")
                .should().dependOnClassesThat().resideInAnyPackage("org.nd4j..")
                .check(production);
    }

    @Test
    void dataFlowsOneWay() {
        noClasses().that().resideInAnyPackage("io.odecast.ode..", "io.odecast.nn..", "io.odecast.train..")
                .should().dependOnClassesThat().resideInAnyPackage("io.odecast.model..", "io.odecast.report..",
                        "io.odecast.examples..", "io.odecast.forecast..")
                .check(production);
        noClasses().that().resideInAPackage("io.odecast.model..")
                .should().dependOnClassesThat().resideInAnyPackage("io.odecast.report..")
                .check(production);
    }

    @Test
    void theStreamingLayersPointDownwardsOnly() {
        noClasses().that().resideInAnyPackage("io.odecast.forecast..")
                .should().dependOnClassesThat().resideInAnyPackage("io.odecast.stream..", "io.odecast.app..",
                        "io.odecast.metrics..", "org.apache.kafka..")
                .check(production);
        noClasses().that().resideInAnyPackage("io.odecast.stream..")
                .should().dependOnClassesThat().resideInAnyPackage("io.odecast.app..", "io.odecast.metrics..",
                        "io.odecast.config..", "io.odecast.report..")
                .check(production);
        noClasses().that().resideOutsideOfPackages("io.odecast.app..", "io.odecast.cli..")
                .should().dependOnClassesThat().resideInAnyPackage("io.odecast.app..")
                .check(production);
    }

    @Test
    void theTopologyNeverStartsKafkaStreams() {
        noClasses().that().resideInAPackage("io.odecast.stream..")
                .should().callConstructor(org.apache.kafka.streams.KafkaStreams.class,
                        org.apache.kafka.streams.Topology.class, java.util.Properties.class)
                .check(production);
    }

    @Test
    void onlyTheCommandLineKnowsTheCommandLine() {
        noClasses().that().resideOutsideOfPackage("io.odecast.cli..")
                .should().dependOnClassesThat().resideInAnyPackage("io.odecast.cli..", "picocli..")
                .check(production);
    }

    @Test
    void onlyMetricsImportsMicrometer() {
        noClasses().that().resideOutsideOfPackage("io.odecast.metrics..")
                .should().dependOnClassesThat().resideInAnyPackage("io.micrometer..")
                .check(production);
    }

    @Test
    void onlyReportsDraw() {
        noClasses().that().resideOutsideOfPackage("io.odecast.report..")
                .should().dependOnClassesThat().resideInAnyPackage("org.knowm.xchart..", "java.awt..")
                .check(production);
    }
}
