package io.carepulse.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.equivalentTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import io.carepulse.live.CallIngest;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.Clock;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The architecture, as rules the build enforces (docs/architecture.md draws it). The product's classes only: tests and
 * libraries are not imported.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ArchitectureTest {

  private static JavaClasses product;

  @BeforeAll
  static void importTheProduct() {
    product = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS).importPackages("io.carepulse");
  }

  /**
   * The functional core: plain Java, deterministic, the same live and in offline replay. {@code acts} (dialogue acts)
   * belongs here as soon as it exists.
   */
  static final String[] PURE = {"io.carepulse.protocol..", "io.carepulse.score..", "io.carepulse.coach..",
      "io.carepulse.engine..", "io.carepulse.alert..", "io.carepulse.stats..", "io.carepulse.privacy..",
      "io.carepulse.acts.."};

  /** Files, sockets, streams. Naming a charset (java.nio.charset) is not I/O. */
  static final DescribedPredicate<JavaClass> IO = resideInAnyPackage("java.io..", "java.nio..", "java.net..")
      .and(not(resideInAPackage("java.nio.charset..")))
      .as("I/O (java.io, java.nio, java.net)");

  /**
   * The one exception: the scoring model, its phrase book, the sentiment lexicon and the dialogue-act model ship in the
   * jar and are read from the class path once, by these classes, with these types. Nothing else in the core touches
   * I/O. The act model's file format also writes itself to a Writer the trainer (a tool) opens.
   */
  static final Set<String> MODEL_READERS = Set.of("io.carepulse.score.ScoringModel", "io.carepulse.score.PhraseBook",
      "io.carepulse.score.sentiment.Lexicon", "io.carepulse.acts.ActModel", "io.carepulse.acts.ActModelFile",
      "io.carepulse.acts.ActModelFile$Lines", "io.carepulse.score.PhraseActReader");
  static final String MODEL_WRITER = "io.carepulse.acts.ActModelFile";
  static final Set<String> CLASS_PATH_READING = Set.of(InputStream.class.getName(), InputStreamReader.class.getName(),
      BufferedReader.class.getName(), IOException.class.getName(), UncheckedIOException.class.getName());

  static final ArchRule theCoreImportsNoVertxNettyOrRx = noClasses().that().resideInAnyPackage(PURE)
      .should().dependOnClassesThat().resideInAnyPackage("io.vertx..", "io.netty..", "io.reactivex..")
      .because("the scoring core is plain Java: Vert.x code is a thin shell that feeds it frames");

  static final ArchRule theCoreDoesNoIo = classes().that().resideInAnyPackage(PURE)
      .should(new ArchCondition<>("do no I/O but read the shipped model from the class path") {
        @Override
        public void check(JavaClass item, ConditionEvents events) {
          for (Dependency dependency : item.getDirectDependenciesFromSelf()) {
            JavaClass target = dependency.getTargetClass();
            boolean modelReading = MODEL_READERS.contains(item.getName())
                && CLASS_PATH_READING.contains(target.getName())
                || item.getName().equals(MODEL_WRITER) && target.getName().equals(Writer.class.getName());
            if (IO.test(target) && !modelReading) {
              events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()));
            }
          }
        }
      });

  static final ArchRule theCoreReadsNoClock = noClasses().that().resideInAnyPackage(PURE)
      .should().dependOnClassesThat().areAssignableTo(Clock.class)
      .orShould().callMethod(System.class, "currentTimeMillis")
      .orShould().callMethod(System.class, "nanoTime")
      .orShould().callMethod(Instant.class, "now")
      .because("the core takes all time from the frames' ts, so a recorded call always scores the same");

  static final ArchRule noPackageCycles = slices().matching("io.carepulse.(**)").should().beFreeOfCycles();

  static final ArchRule theProductNeverImportsTheTools = noClasses().that().resideOutsideOfPackage("io.carepulse.tools..")
      .should().dependOnClassesThat().resideInAPackage("io.carepulse.tools..")
      .because("bench, simulate and devdata use the product; Main finds them as app.Tool services");

  static final ArchRule apiReachesLiveOnlyThroughCallIngest = noClasses().that().resideInAPackage("io.carepulse.api..")
      .should().dependOnClassesThat(resideInAPackage("io.carepulse.live..").and(not(equivalentTo(CallIngest.class))))
      .because("the REST API feeds live calls through one interface, never through sessions or the registry");

  static final ArchRule liveKnowsNothingAboveIt = noClasses().that().resideInAPackage("io.carepulse.live..")
      .should().dependOnClassesThat().resideInAnyPackage("io.carepulse.app..", "io.carepulse.api..",
          "io.carepulse.history..", "io.carepulse.store..", "io.carepulse.webhook..", "io.carepulse.playbook..",
          "io.carepulse.cluster..")
      .because("live defines what it needs (CallHistory, AckGate, CallRecovery, CallOwnership, TeamSettings, "
          + "LiveSettings); others plug in");

  static final ArchRule onlyTheClusterStartNamesTheCluster = noClasses()
      .that().resideOutsideOfPackage("io.carepulse.cluster..").and().doNotHaveFullyQualifiedName(
          "io.carepulse.app.ClusterStart")
      .should().dependOnClassesThat().resideInAPackage("io.carepulse.cluster..")
      .orShould().dependOnClassesThat().resideInAnyPackage("com.hazelcast..", "io.vertx.spi.cluster..")
      .because("a plain start must not load Hazelcast: app.ClusterStart alone reaches the cluster package");

  static final ArchRule theClusterKnowsOnlyLiveOwnership = noClasses().that().resideInAPackage("io.carepulse.cluster..")
      .should().dependOnClassesThat().resideInAnyPackage("io.carepulse.app..", "io.carepulse.api..",
          "io.carepulse.history..", "io.carepulse.store..", "io.carepulse.webhook..", "io.carepulse.playbook..")
      .because("the cluster package is membership and call leases behind live's CallOwnership");

  static final ArchRule theStoreKnowsNoLiveCall = noClasses().that().resideInAPackage("io.carepulse.store..")
      .should().dependOnClassesThat().resideInAnyPackage("io.carepulse.live..", "io.carepulse.history..",
          "io.carepulse.webhook..", "io.carepulse.api..", "io.carepulse.app..", "io.carepulse.playbook..")
      .because("the store is a contract and its records; history is what feeds it from live calls");

  static final ArchRule theWireEncodesOnlyTheCore = noClasses().that().resideInAPackage("io.carepulse.wire..")
      .should().dependOnClassesThat().resideInAnyPackage("io.carepulse.live..", "io.carepulse.store..",
          "io.carepulse.history..", "io.carepulse.api..", "io.carepulse.app..");

  static final ArchRule onlyTheApplicationWiresTheApplication = noClasses()
      .that().resideOutsideOfPackages("io.carepulse.app..", "io.carepulse.tools..")
      .should().dependOnClassesThat().resideInAPackage("io.carepulse.app..")
      .because("app builds the configuration and hands each part its own settings");

  @Test
  void onlyTheClusterStartNamesTheCluster() {
    onlyTheClusterStartNamesTheCluster.check(product);
  }

  @Test
  void theClusterKnowsOnlyLiveOwnership() {
    theClusterKnowsOnlyLiveOwnership.check(product);
  }

  @Test
  void theCoreImportsNoVertxNettyOrRx() {
    theCoreImportsNoVertxNettyOrRx.check(product);
  }

  @Test
  void theCoreDoesNoIo() {
    theCoreDoesNoIo.check(product);
  }

  @Test
  void theCoreReadsNoClock() {
    theCoreReadsNoClock.check(product);
  }

  @Test
  void noPackageCycles() {
    noPackageCycles.check(product);
  }

  @Test
  void theProductNeverImportsTheTools() {
    theProductNeverImportsTheTools.check(product);
  }

  @Test
  void apiReachesLiveOnlyThroughCallIngest() {
    apiReachesLiveOnlyThroughCallIngest.check(product);
  }

  @Test
  void liveKnowsNothingAboveIt() {
    liveKnowsNothingAboveIt.check(product);
  }

  @Test
  void theStoreKnowsNoLiveCall() {
    theStoreKnowsNoLiveCall.check(product);
  }

  @Test
  void theWireEncodesOnlyTheCore() {
    theWireEncodesOnlyTheCore.check(product);
  }

  @Test
  void onlyTheApplicationWiresTheApplication() {
    onlyTheApplicationWiresTheApplication.check(product);
  }
}
