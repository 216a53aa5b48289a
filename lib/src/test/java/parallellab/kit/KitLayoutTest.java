package parallellab.kit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class KitLayoutTest {

    @Test
    void findsTheCheckoutFromTheKitsOwnCode() {
        assertThat(KitLayout.root().resolve("lib").resolve("pom.xml")).isRegularFile();
        assertThat(KitLayout.root().resolve("data").resolve("library")).isDirectory();
    }

    @Test
    void aClassFromAFileHasALocationAndAJdkClassHasNone() {
        assertThat(KitLayout.codeLocation(KitLayout.class)).hasValueSatisfying(location -> assertThat(location).exists());
        assertThat(KitLayout.codeLocation(String.class)).isEmpty();
    }
}
