package dev.polygate.wsdl;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The contracts kept for the importer to refuse are present and are what they claim to be. */
class RefusedContractsTest {

    @Test
    void theRpcEncodedContractIsOnTheTestClassPathAndUsesTheEncodedUse() throws IOException {
        try (InputStream in = getClass().getClassLoader()
                .getResourceAsStream("dev/polygate/wsdl/refused/rpc-encoded.wsdl")) {
            assertThat(in).isNotNull();
            XmlResponse wsdl = new XmlResponse(200, "text/xml", new String(in.readAllBytes(), StandardCharsets.UTF_8));
            assertThat(wsdl.text("//wsdl:binding/*[local-name()='binding']/@style")).isEqualTo("rpc");
            assertThat(wsdl.count("//wsdl:binding//*[local-name()='body' and @use='encoded']")).isEqualTo(2);
        }
    }
}
