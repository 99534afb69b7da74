package ai.aiart.architecture;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import java.util.List;

import com.tngtech.archunit.lang.ArchRule;

/**
 * The rules that keep the backend's packages one-way (docs/ARCHITECTURE.md, "Layers"), written once
 * for any root package: {@link ArchitectureTest} holds the backend ({@code ai.aiart}) to them, and
 * {@link LayersFailTest} shows each one failing on fixtures built to break it.
 *
 * <p>Four floors, each depending only on those below it and on itself: the ground floor (the shared
 * terms), infrastructure (configuration, store, HTTP error mapping, the cipher of personal data), the
 * features, and the composition on top (what spans features by its nature: the account, admin,
 * health, monitoring, peers, the site's figures). Between the packages of one floor, the slice rule
 * forbids cycles.
 */
public final class Layers {

    public static final String CORE = "Core";
    public static final String INFRASTRUCTURE = "Infrastructure";
    public static final String FEATURES = "Features";
    public static final String COMPOSITION = "Composition";

    /** The packages of each floor, under the root. */
    public static final List<String> CORE_PACKAGES = List.of("core");
    public static final List<String> INFRASTRUCTURE_PACKAGES = List.of("config", "store", "web", "privacy");
    public static final List<String> FEATURE_PACKAGES = List.of("load", "auth", "ratelimit", "provider", "generation",
            "donation");
    public static final List<String> COMPOSITION_PACKAGES = List.of("account", "admin", "health", "monitoring", "peers",
            "site");

    private Layers() {
    }

    /** The ground floor depends on nothing of ours: only on itself, the JDK and libraries. */
    public static ArchRule coreDependsOnNothingOfOurs(String root) {
        return classes().that().resideInAPackage(root + ".core..")
                .should().onlyDependOnClassesThat(resideOutsideOfPackage(root + "..").or(resideInAPackage(root + ".core..")))
                .as("the ground floor (" + root + ".core) depends on no other package of " + root);
    }

    /** No cycle between the top-level packages, whatever their floor. */
    public static ArchRule noCyclesBetweenPackages(String root) {
        return slices().matching(root + ".(*)..").should().beFreeOfCycles()
                .as("the packages of " + root + " are free of cycles");
    }

    /**
     * Each floor uses only the floors below it (and itself); nothing uses the composition but the
     * composition; every class of the root is on a floor.
     */
    public static ArchRule floors(String root) {
        return layeredArchitecture()
                .consideringOnlyDependenciesInLayers()
                .layer(CORE).definedBy(packages(root, CORE_PACKAGES))
                .layer(INFRASTRUCTURE).definedBy(packages(root, INFRASTRUCTURE_PACKAGES))
                .layer(FEATURES).definedBy(packages(root, FEATURE_PACKAGES))
                .layer(COMPOSITION).definedBy(packages(root, COMPOSITION_PACKAGES))
                .whereLayer(CORE).mayNotAccessAnyLayer()
                .whereLayer(INFRASTRUCTURE).mayOnlyAccessLayers(CORE)
                .whereLayer(FEATURES).mayOnlyAccessLayers(CORE, INFRASTRUCTURE)
                .whereLayer(COMPOSITION).mayNotBeAccessedByAnyLayer()
                .ensureAllClassesAreContainedInArchitecture()
                .as("the floors of " + root + ": core <- infrastructure <- features <- composition");
    }

    /** Every rule, in the order they are checked. */
    public static List<ArchRule> all(String root) {
        return List.of(coreDependsOnNothingOfOurs(root), noCyclesBetweenPackages(root), floors(root));
    }

    private static String[] packages(String root, List<String> names) {
        return names.stream().map(name -> root + "." + name + "..").toArray(String[]::new);
    }
}
