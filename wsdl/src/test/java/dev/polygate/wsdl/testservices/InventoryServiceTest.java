package dev.polygate.wsdl.testservices;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polygate.wsdl.SoapClient;
import dev.polygate.wsdl.SoapServices;
import dev.polygate.wsdl.XmlResponse;
import java.net.URI;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Document/literal bare: the parts are the Body's children, no operation wrapper either way. */
@Timeout(60)
class InventoryServiceTest {

    private static final String NS = "http://polygate.dev/test/inventory";

    private static SoapServices services;
    private static URI inventory;

    @BeforeAll
    static void start() {
        services = SoapServices.start();
        inventory = services.endpoint(SoapServices.INVENTORY);
    }

    @AfterAll
    static void stop() {
        services.close();
    }

    @Test
    void theComplexPartIsTheBodyChildAndSoIsTheAnswer() {
        XmlResponse response = SoapClient.soap11(inventory, NS + "/GetStock",
                "<StockQuery xmlns=\"" + NS + "\"><sku>A-1</sku><warehouse>north</warehouse>"
                        + "<warehouse>south</warehouse></StockQuery>");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.count("/s11:Envelope/s11:Body/*")).isEqualTo(1);
        assertThat(response.text("/s11:Envelope/s11:Body/i:StockLevel/@warehouses")).isEqualTo("2");
        assertThat(response.text("/s11:Envelope/s11:Body/i:StockLevel/i:sku")).isEqualTo("A-1");
        assertThat(response.text("/s11:Envelope/s11:Body/i:StockLevel/i:available")).isEqualTo("20");
    }

    @Test
    void aSimpleTypedPartIsABareElementToo() {
        XmlResponse response = SoapClient.soap11(inventory, NS + "/CountItems",
                "<Warehouse xmlns=\"" + NS + "\">north</Warehouse>");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.text("/s11:Envelope/s11:Body/i:ItemCount")).isEqualTo("5");
    }

    @Test
    void theWsdlDescribesBareElementParts() {
        XmlResponse wsdl = SoapClient.get(services.wsdl(SoapServices.INVENTORY));

        assertThat(wsdl.text("//wsdl:message[@name='GetStock']/wsdl:part/@element")).endsWith(":StockQuery");
        assertThat(wsdl.text("//wsdl:message[@name='CountItems']/wsdl:part/@element")).endsWith(":Warehouse");
    }
}
