package parallellab.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SparkLookupTest {

    @Test
    void findsTheProjectRootFromTheLibsOwnLocation() {
        assertThat(SparkLookup.projectRoot().resolve("lib").resolve("pom.xml")).isRegularFile();
    }

    @Test
    void anUnbuiltModuleIsAOneLineError(@TempDir Path root) throws Exception {
        assertThatThrownBy(() -> SparkLookup.moduleJars(root))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("the spark module is not built: run ./mvnw -pl spark package");
        Files.createDirectories(root.resolve("spark/target/lib"));
        Files.writeString(root.resolve("spark/target/parallel-lab-spark.jar"), "");
        Files.writeString(root.resolve("spark/target/lib/a.jar"), "");
        assertThat(SparkLookup.moduleJars(root)).hasSize(2);
    }
}
