package dev.polygate.wsdl.cxf;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polygate.wsdl.cxf.secured.SecureCalculator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The launcher in a forked JVM, as another module starts it: every service answers, and closing stops it. */
@Timeout(120)
class CxfServicesProcessTest {

    @Test
    void theForkedLauncherPublishesEveryServiceAndStopsWhenItsInputCloses() {
        CxfServicesProcess services = CxfServicesProcess.start();
        try {
            assertThat(services.names()).containsExactly(CxfServices.SECURE_TEXT, CxfServices.SECURE_DIGEST,
                    CxfServices.SECURE_TEXT_SOAP12, CxfServices.SHIPMENTS, CxfServices.SHIPMENTS_SOAP12,
                    CxfServices.TRACKING, CxfServices.RATES);
            for (String name : services.names()) {
                assertThat(services.endpoint(name).getHost()).isEqualTo("127.0.0.1");
                SoapReply wsdl = SoapPost.get(services.wsdl(name));
                assertThat(wsdl.status()).as(services.output()).isEqualTo(200);
            }
            SoapReply refused = SoapPost.soap11(services.endpoint(CxfServices.SECURE_TEXT),
                    SecureCalculator.NAMESPACE + "/WhoAmI", "",
                    "<s:WhoAmI xmlns:s=\"" + SecureCalculator.NAMESPACE + "\"/>");
            assertThat(refused.status()).isEqualTo(500);
            // standard output carries the announced lines only: logs stay below warnings
            assertThat(services.output().lines())
                    .allMatch(line -> line.startsWith("service ") || line.equals("ready"), "service lines and ready");
        } finally {
            services.close();
        }
        assertThat(services.isAlive()).as(services.output()).isFalse();
        assertThat(services.exitCode()).as("stopped on its own, not killed").isZero();
    }
}
