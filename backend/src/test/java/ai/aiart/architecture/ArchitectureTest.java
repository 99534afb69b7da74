package ai.aiart.architecture;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URISyntaxException;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

import ai.aiart.config.AiartConfig;

/**
 * The backend's production classes keep the one-way package rules of {@link Layers}
 * (docs/ARCHITECTURE.md, "Layers"). Only the backend's own classes are read (from where
 * {@link AiartConfig} was loaded, tests left out), so the store and renderer modules on the class
 * path play no part.
 */
class ArchitectureTest {

    static final String ROOT = "ai.aiart";

    private static JavaClasses production;

    @BeforeAll
    static void importTheBackend() throws URISyntaxException {
        Path classes = Path.of(AiartConfig.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        production = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPath(classes);
    }

    /** The rules look at the whole backend: no rule may pass because it saw nothing. */
    @Test
    void theImportHoldsTheBackendsClassesAndNoTests() {
        assertTrue(production.size() > 200, production.size() + " classes");
        assertTrue(production.contain("ai.aiart.core.JobKind"));
        assertTrue(production.contain("ai.aiart.generation.service.JobService"));
        assertFalse(production.contain(ArchitectureTest.class), "tests are left out");
    }

    @Test
    void theGroundFloorDependsOnNothingOfOurs() {
        Layers.coreDependsOnNothingOfOurs(ROOT).check(production);
    }

    @Test
    void thePackagesAreFreeOfCycles() {
        Layers.noCyclesBetweenPackages(ROOT).check(production);
    }

    @Test
    void eachFloorUsesOnlyTheFloorsBelowIt() {
        Layers.floors(ROOT).check(production);
    }
}
