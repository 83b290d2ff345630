package org.agenticdeals;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static org.assertj.core.api.Assertions.assertThat;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The architecture as rules: package by feature, internals stay internal, generated jOOQ types stay out of the API. */
class ArchitectureTest {

    private static final String[] FEATURES = {"..users..", "..preferences..", "..ledger..", "..catalog..", "..goals..", "..notifications..", "..sharing..",
            "..interactions..", "..analysis.."};

    private static final JavaClasses LIBRARY = new ClassFileImporter().withImportOption(new ImportOption.DoNotIncludeTests())
            .importPackages("org.agenticdeals");

    static final ArchRule internalPlumbingKnowsNoFeature = noClasses().that().resideInAPackage("..internal..")
            .should().dependOnClassesThat().resideInAnyPackage(FEATURES)
            .because("internal is shared plumbing under every feature");

    // A class of a feature may use another feature's public types (its facade and records) but nothing else of it.
    static final ArchRule featuresDoNotReachIntoEachOther = noClasses().that().resideInAnyPackage(FEATURES)
            .should(new ArchCondition<>("depend on non-public classes of another feature") {
                @Override
                public void check(JavaClass type, ConditionEvents events) {
                    type.getDirectDependenciesFromSelf().stream()
                            .filter(dependency -> isFeature(dependency.getTargetClass().getPackageName()))
                            .filter(dependency -> !dependency.getTargetClass().getPackageName().equals(type.getPackageName()))
                            .filter(dependency -> !dependency.getTargetClass().getModifiers().contains(JavaModifier.PUBLIC))
                            .forEach(dependency -> events.add(SimpleConditionEvent.violated(type, dependency.getDescription())));
                }
            })
            .because("features talk through each other's public facades only");

    static final ArchRule publicApiExposesNoGeneratedOrJooqTypes = methods().that().arePublic()
            .and().areDeclaredInClassesThat().arePublic()
            .and().areDeclaredInClassesThat().resideOutsideOfPackages("..internal..", "org.agenticdeals.jooq..", "org.agenticdeals.schema..")
            .should(new ArchCondition<>("not mention jOOQ or generated jOOQ types in their signature") {
                @Override
                public void check(JavaMethod method, ConditionEvents events) {
                    Stream.concat(Stream.of(method.getRawReturnType()), method.getRawParameterTypes().stream())
                            .filter(type -> type.getPackageName().startsWith("org.jooq") || type.getPackageName().startsWith("org.agenticdeals.jooq"))
                            .forEach(type -> events.add(SimpleConditionEvent.violated(method, method.getFullName() + " uses " + type.getName())));
                }
            });

    static final ArchRule queryClassesArePackagePrivate = classes().that().haveSimpleNameEndingWith("Queries")
            .should().notBePublic()
            .because("the SQL of a feature is its own business");

    static final ArchRule refusalsLiveTogether = classes().that().areAssignableTo(DealsException.class)
            .should().resideInAPackage("org.agenticdeals")
            .because("the refusal hierarchy is sealed, and sealed classes outside a named module must share a package");

    @Test
    void theRulesSeeTheWholeLibrary() {
        assertThat(LIBRARY.stream().map(JavaClass::getPackageName).distinct())
                .contains("org.agenticdeals.users", "org.agenticdeals.goals", "org.agenticdeals.notifications", "org.agenticdeals.internal");
    }

    @Test
    void internalPlumbingKnowsNoFeature() {
        internalPlumbingKnowsNoFeature.check(LIBRARY);
    }

    @Test
    void featuresDoNotReachIntoEachOther() {
        featuresDoNotReachIntoEachOther.check(LIBRARY);
    }

    @Test
    void publicApiExposesNoGeneratedOrJooqTypes() {
        publicApiExposesNoGeneratedOrJooqTypes.check(LIBRARY);
    }

    @Test
    void queryClassesArePackagePrivate() {
        queryClassesArePackagePrivate.check(LIBRARY);
    }

    @Test
    void refusalsLiveTogether() {
        refusalsLiveTogether.check(LIBRARY);
    }

    private static boolean isFeature(String packageName) {
        return Stream.of(FEATURES).map(feature -> "org.agenticdeals." + feature.replace("..", "")).anyMatch(packageName::equals);
    }
}
