package ai.aiart.architecture;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;

/**
 * Each rule of {@link Layers} fails where it should: run against the fixtures of
 * {@code ai.aiart.archfixture}, built to break them one way each, it reports those breaks and nothing
 * that is allowed. A rule that could not fail would hold nothing.
 */
class LayersFailTest {

    static final String ROOT = "ai.aiart.archfixture";

    private static JavaClasses fixtures;

    @BeforeAll
    static void importTheFixtures() {
        fixtures = new ClassFileImporter().importPackages(ROOT);
    }

    @Test
    void theCoreRuleReportsTheGroundFloorUsingAFeature() {
        List<String> details = violations(Layers.coreDependsOnNothingOfOurs(ROOT));
        assertTrue(mentions(details, ".core.Term", ".generation.Feature"), String.join("\n", details));
        assertFalse(mentions(details, ".admin.Panel"), String.join("\n", details));
    }

    @Test
    void theCycleRuleReportsTwoFeaturesUsingEachOther() {
        List<String> details = violations(Layers.noCyclesBetweenPackages(ROOT));
        assertTrue(mentions(details, ".auth.Signer", ".ratelimit.Limiter"), String.join("\n", details));
        assertFalse(mentions(details, ".core.Term"), "a one-way use is no cycle:\n" + String.join("\n", details));
    }

    @Test
    void theFloorsRuleReportsUsesThatPointUpAndClassesOnNoFloor() {
        List<String> details = violations(Layers.floors(ROOT));
        String all = String.join("\n", details);
        assertTrue(mentions(details, ".core.Term", ".generation.Feature"), "core uses a feature:\n" + all);
        assertTrue(mentions(details, ".web.Mapper", ".admin.Panel"), "infrastructure uses the composition:\n" + all);
        assertTrue(mentions(details, ".stray.Loose"), "a class on no floor:\n" + all);
        // allowed: the composition uses a feature; features use features (a cycle between them is the cycle rule's)
        assertFalse(mentions(details, ".admin.Panel", ".generation.Feature"), "the composition may use a feature:\n" + all);
        assertFalse(mentions(details, ".auth.Signer"), "features may use features:\n" + all);
    }

    private static List<String> violations(ArchRule rule) {
        EvaluationResult result = rule.evaluate(fixtures);
        assertTrue(result.hasViolation(), rule.getDescription() + " reported nothing on its fixtures");
        return result.getFailureReport().getDetails();
    }

    /** Whether one line of the report names all of {@code parts}. */
    private static boolean mentions(List<String> details, String... parts) {
        return details.stream().anyMatch(line -> List.of(parts).stream().allMatch(line::contains));
    }
}
