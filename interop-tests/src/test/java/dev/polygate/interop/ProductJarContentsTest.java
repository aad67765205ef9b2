package dev.polygate.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/**
 * The product jar carries no demo or test backends (they ship in the demo jar and in test scope), and its
 * {@code demo} command says where the demo is instead.
 */
class ProductJarContentsTest {
    @Test
    void theProductJarHoldsNoDemoAndNoTestServices() throws Exception {
        try (ZipFile jar = new ZipFile(GatewayProcess.jar().toFile())) {
            List<String> names = jar.stream().map(ZipEntry::getName).toList();
            assertThat(names).contains("dev/polygate/edge/Main.class", "polygate/xml/v1/xml.proto");
            assertThat(names).noneMatch(name -> name.contains("demo"))
                    .noneMatch(name -> name.contains("testservices"))
                    .noneMatch(name -> name.startsWith("polygate/test/"));
        }
    }

    @Test
    void theProductJarsDemoCommandSaysWhereTheDemoIs() throws Exception {
        GatewayProcess.Finished demo = GatewayProcess.runToEnd("demo");

        assertThat(demo.exitValue()).as(demo.output()).isEqualTo(2);
        assertThat(demo.output()).contains("polygate-demo.jar", "./gateway demo");
    }
}
