package io.pretext.runner.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import ai.djl.ndarray.NDManager;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The dependency rules of docs/architecture.md, checked over the main classes of every module:
 * the contract (framework-api) knows nothing of the engine or of any plugin, plugins and
 * downstream compile against the contract alone and not against each other, the runner reaches
 * plugins only through the contract, and no two packages depend on each other in a cycle.
 */
class ArchitectureTest {
  private static final String API = "io.pretext.api..";
  private static final String CORE = "io.pretext.core..";
  private static final String RUNNER = "io.pretext.runner..";
  private static final String DOWNSTREAM = "io.pretext.downstream..";
  private static final String[] PRETEXT_MODULES = {"io.pretext.context..", "io.pretext.contrastive..",
      "io.pretext.masking.."};

  private static JavaClasses classes;

  @BeforeAll
  static void importMainClasses() {
    classes = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .withImportOption(location -> !location.contains("-tests.jar"))
        .importPackages("io.pretext");
  }

  @Test
  void noPackageCycles() {
    check(slices().matching("io.pretext.(**)").should().beFreeOfCycles());
  }

  @Test
  void theContractKnowsNoEngineAndNoPlugin() {
    check(noClasses().that().resideInAPackage(API).should().dependOnClassesThat()
        .resideInAnyPackage(CORE, RUNNER, DOWNSTREAM, PRETEXT_MODULES[0], PRETEXT_MODULES[1], PRETEXT_MODULES[2]));
  }

  @Test
  void theContractCarriesNoHeavyLibrary() {
    check(noClasses().that().resideInAPackage(API).should().dependOnClassesThat().resideInAnyPackage(
        "ai.onnxruntime..", "ai.djl.pytorch..", "com.google.protobuf..", "org.apache.commons.compress..",
        "org.tukaani..", "me.tongfei..", "org.apache.commons.configuration2..", "org.yaml.."));
  }

  @Test
  void theEngineKnowsNoPluginAndNoRunner() {
    check(noClasses().that().resideInAPackage(CORE).should().dependOnClassesThat()
        .resideInAnyPackage(RUNNER, DOWNSTREAM, PRETEXT_MODULES[0], PRETEXT_MODULES[1], PRETEXT_MODULES[2]));
  }

  @Test
  void pretextModulesUseTheContractOnly() {
    for (String module : PRETEXT_MODULES) {
      String[] others = java.util.stream.Stream.concat(
          java.util.Arrays.stream(PRETEXT_MODULES).filter(m -> !m.equals(module)),
          java.util.stream.Stream.of(CORE, RUNNER, DOWNSTREAM)).toArray(String[]::new);
      check(noClasses().that().resideInAPackage(module).should().dependOnClassesThat().resideInAnyPackage(others));
    }
  }

  @Test
  void downstreamUsesTheContractOnly() {
    check(noClasses().that().resideInAPackage(DOWNSTREAM).should().dependOnClassesThat()
        .resideInAnyPackage(CORE, RUNNER, PRETEXT_MODULES[0], PRETEXT_MODULES[1], PRETEXT_MODULES[2]));
  }

  @Test
  void theRunnerReachesPluginsThroughTheContract() {
    check(noClasses().that().resideInAPackage(RUNNER).should().dependOnClassesThat()
        .resideInAnyPackage(PRETEXT_MODULES));
  }

  /**
   * Every manager comes from the run's one engine ({@code ComputeEngine.newManager()}, or a
   * sub-manager of one), never from DJL's default device. The one exception is the ONNX verifier's
   * CPU manager for a model without parameters, which has no device of its own to follow.
   */
  @Test
  void managersComeFromTheRunsEngine() {
    check(noClasses().that().doNotHaveFullyQualifiedName("io.pretext.core.onnx.OnnxVerifier")
        .should().callMethodWhere(com.tngtech.archunit.base.DescribedPredicate.describe(
            "NDManager.newBaseManager(..)", call -> call.getTarget().getOwner().isEquivalentTo(NDManager.class)
                && call.getTarget().getName().equals("newBaseManager"))));
  }

  private static void check(ArchRule rule) {
    rule.check(classes);
  }
}
