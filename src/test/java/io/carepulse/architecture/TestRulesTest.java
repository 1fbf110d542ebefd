package io.carepulse.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * How tests are written, as rules: each test class has its own timeout, so a hang fails fast and names itself; and no
 * test sleeps a fixed time (testing.Await waits for a condition instead). Benchmarks run on purpose (named *Bench)
 * pace themselves and are exempt from the second rule.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class TestRulesTest {

  private static JavaClasses tests;

  @BeforeAll
  static void importTheTests() {
    tests = new ClassFileImporter().withImportOption(ImportOption.Predefined.ONLY_INCLUDE_TESTS)
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS).importPackages("io.carepulse");
  }

  private static final DescribedPredicate<JavaClass> HAVE_TESTS = new DescribedPredicate<>("have test methods") {
    @Override
    public boolean test(JavaClass type) {
      return type.getMethods().stream().anyMatch(method -> method.isAnnotatedWith(Test.class)
          || method.isAnnotatedWith("org.junit.jupiter.params.ParameterizedTest")
          || method.isAnnotatedWith("org.junit.jupiter.api.RepeatedTest"));
    }
  };

  private static final ArchCondition<JavaClass> HAVE_A_TIMEOUT = new ArchCondition<>("have a @Timeout of their own or "
      + "from a superclass") {
    @Override
    public void check(JavaClass type, ConditionEvents events) {
      Optional<JavaClass> current = Optional.of(type);
      while (current.isPresent()) {
        JavaClass c = current.get();
        if (c.isAnnotatedWith(Timeout.class) || c.isAnnotatedWith("io.vertx.junit5.Timeout")) {
          return;
        }
        current = c.getRawSuperclass();
      }
      events.add(SimpleConditionEvent.violated(type, type.getName() + " has tests but no @Timeout"));
    }
  };

  @Test
  void everyTestClassHasATimeout() {
    classes().that(HAVE_TESTS).should(HAVE_A_TIMEOUT).check(tests);
  }

  @Test
  void noTestSleepsAFixedTime() {
    noClasses().that().haveSimpleNameNotEndingWith("Bench")
        .should().callMethod(Thread.class, "sleep", long.class)
        .orShould().callMethod(TimeUnit.class, "sleep", long.class)
        .because("a fixed sleep is a flake on a busy machine: wait for the condition with testing.Await")
        .check(tests);
  }
}
