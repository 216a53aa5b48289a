package parallellab.kernel;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The kernel's packages form layers: {@code kernel} (protocol and session) uses {@code kernel.jshell}
 * (evaluation) and {@code kernel.extension} (what a stock JJava loads); no cycle among them, and the
 * extension never reaches into the JShell side, or JJava could not load it.
 */
class KernelLayersTest {

    private static final JavaClasses KERNEL = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("parallellab.kernel");

    @Test
    void noPackageCycles() {
        // One slice per package, the top one included: kernel, kernel.jshell, kernel.extension, kernel.maven.
        slices().matching("parallellab.(**)").should().beFreeOfCycles().check(KERNEL);
    }

    @Test
    void theExtensionDoesNotUseTheJShellSide() {
        noClasses().that().resideInAPackage("parallellab.kernel.extension..")
                .should().dependOnClassesThat().resideInAPackage("parallellab.kernel.jshell..")
                .check(KERNEL);
    }
}
