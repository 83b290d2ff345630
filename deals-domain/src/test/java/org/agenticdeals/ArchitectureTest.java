package org.agenticdeals;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.stream.Stream;

/** The architecture as rules: package by feature, internals stay internal, generated jOOQ types stay out of the API. */
@AnalyzeClasses(packages = "org.agenticdeals", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    private static final String[] FEATURES = {"..users..", "..preferences..", "..ledger..", "..catalog..", "..goals..", "..notifications.."};

    @ArchTest
    static final ArchRule internalPlumbingKnowsNoFeature = noClasses().that().resideInAPackage("..internal..")
            .should().dependOnClassesThat().resideInAnyPackage(FEATURES)
            .because("internal is shared plumbing under every feature");

    @ArchTest
    static final ArchRule featuresDoNotReachIntoEachOther = noClasses().that().resideInAPackage("..users..")
            .should().dependOnClassesThat().resideInAPackage("..preferences..")
            .andShould().dependOnClassesThat(DescribedPredicate.describe("non-public classes of another feature",
                    (JavaClass type) -> !type.getModifiers().contains(JavaModifier.PUBLIC) && type.getPackageName().startsWith("org.agenticdeals.")
                            && !type.getPackageName().equals("org.agenticdeals.users")))
            .because("features talk through each other's public facades only");

    @ArchTest
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

    @ArchTest
    static final ArchRule queryClassesArePackagePrivate = classes().that().haveSimpleNameEndingWith("Queries")
            .should().notBePublic()
            .because("the SQL of a feature is its own business");

    @ArchTest
    static final ArchRule refusalsLiveTogether = classes().that().areAssignableTo(DealsException.class)
            .should().resideInAPackage("org.agenticdeals")
            .because("the refusal hierarchy is sealed, and sealed classes outside a named module must share a package");
}
