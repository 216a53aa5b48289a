package parallellab;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The lib's packages form layers, each using only the ones below it:
 * kit < gil < work < measure < pool < scan < bench < plot, grow, profile < lessons < cli.
 * An engine package that reaches up into a lesson, or two packages that use each other, fail here.
 */
class LayersTest {

    private static final JavaClasses LIB = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("parallellab");

    @Test
    void noPackageCycles() {
        slices().matching("parallellab.(*)..").should().beFreeOfCycles().check(LIB);
    }

    @Test
    void eachPackageUsesOnlyTheLayersBelowIt() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("kit").definedBy("parallellab.kit..")
                .layer("gil").definedBy("parallellab.gil..")
                .layer("work").definedBy("parallellab.work..")
                .layer("measure").definedBy("parallellab.measure..")
                .layer("pool").definedBy("parallellab.pool..")
                .layer("scan").definedBy("parallellab.scan..")
                .layer("bench").definedBy("parallellab.bench..")
                .layer("plot").definedBy("parallellab.plot..")
                .layer("grow").definedBy("parallellab.grow..")
                .layer("profile").definedBy("parallellab.profile..")
                .layer("lessons").definedBy("parallellab.lessons..")
                .layer("cli").definedBy("parallellab.cli..")
                .whereLayer("kit").mayNotAccessAnyLayer()
                .whereLayer("gil").mayOnlyAccessLayers("kit")
                .whereLayer("work").mayOnlyAccessLayers("kit", "gil")
                .whereLayer("measure").mayOnlyAccessLayers("kit", "gil", "work")
                .whereLayer("pool").mayOnlyAccessLayers("kit", "gil", "work", "measure")
                .whereLayer("scan").mayOnlyAccessLayers("kit", "gil", "work", "measure", "pool")
                .whereLayer("bench").mayOnlyAccessLayers("kit", "gil", "work", "measure", "pool", "scan")
                .whereLayer("plot").mayOnlyAccessLayers("kit", "gil", "work", "measure", "pool", "scan", "bench")
                .whereLayer("grow").mayOnlyAccessLayers("kit", "gil", "work", "measure", "pool", "scan", "bench")
                .whereLayer("profile").mayOnlyAccessLayers("kit", "gil", "work", "measure", "pool", "scan", "bench")
                .whereLayer("lessons").mayOnlyBeAccessedByLayers("cli")
                .check(LIB);
    }
}
