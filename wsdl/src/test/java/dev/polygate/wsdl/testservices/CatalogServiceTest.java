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

/** The contract-first service whose WSDL is split across files, served both rewritten and as files. */
@Timeout(60)
class CatalogServiceTest {

    private static final String TYPES = "http://polygate.dev/test/catalog/types";

    private static SoapServices services;

    @BeforeAll
    static void start() {
        services = SoapServices.start();
    }

    @AfterAll
    static void stop() {
        services.close();
    }

    @Test
    void getProductAnswersWithTheChameleonIncludedMoney() {
        XmlResponse response = SoapClient.soap11(services.endpoint(SoapServices.CATALOG),
                "http://polygate.dev/test/catalog/GetProduct",
                "<c:GetProduct xmlns:c=\"" + TYPES + "\"><c:sku>ABC</c:sku></c:GetProduct>");

        assertThat(response.status()).isEqualTo(200);
        String product = "/s11:Envelope/s11:Body/c:GetProductResponse/c:product";
        assertThat(response.text(product + "/c:sku")).isEqualTo("ABC");
        assertThat(response.text(product + "/c:price")).isEqualTo("3.99");
        assertThat(response.text(product + "/c:price/@currency")).isEqualTo("EUR");
        assertThat(response.count(product + "/c:tag")).isEqualTo(1);
    }

    @Test
    void wsdlReferencesAreRewrittenToXsdUrlsAndTheIncludeIsFollowed() {
        URI endpoint = services.endpoint(SoapServices.CATALOG);
        XmlResponse wsdl = SoapClient.get(services.wsdl(SoapServices.CATALOG));
        String typesUrl = wsdl.text("//xsd:import[@namespace='" + TYPES + "']/@schemaLocation");
        assertThat(typesUrl).startsWith(endpoint + "?xsd=");

        XmlResponse types = SoapClient.get(URI.create(typesUrl));
        assertThat(types.text("/xsd:schema/@targetNamespace")).isEqualTo(TYPES);
        String moneyUrl = types.text("/xsd:schema/xsd:include/@schemaLocation");
        assertThat(moneyUrl).startsWith(endpoint + "?xsd=");

        XmlResponse money = SoapClient.get(URI.create(moneyUrl));
        assertThat(money.count("/xsd:schema/@targetNamespace")).isZero();
        assertThat(money.count("/xsd:schema/xsd:complexType[@name='Money']/xsd:simpleContent")).isEqualTo(1);
    }

    @Test
    void theStaticFilesKeepTheirRelativeReferences() {
        URI root = services.contract("testservices/catalog/catalog.wsdl");
        XmlResponse wsdl = SoapClient.get(root);
        String typesLocation = wsdl.text("//xsd:import/@schemaLocation");
        assertThat(typesLocation).isEqualTo("types/catalog-types.xsd");

        URI typesUri = root.resolve(typesLocation);
        XmlResponse types = SoapClient.get(typesUri);
        assertThat(types.status()).isEqualTo(200);
        String moneyLocation = types.text("/xsd:schema/xsd:include/@schemaLocation");
        assertThat(moneyLocation).isEqualTo("common/money.xsd");

        XmlResponse money = SoapClient.get(typesUri.resolve(moneyLocation));
        assertThat(money.status()).isEqualTo(200);
        assertThat(money.count("//xsd:complexType[@name='Money']")).isEqualTo(1);
    }

    @Test
    void theStaticFilesAreOnTheClassPathToo() {
        ClassLoader loader = getClass().getClassLoader();
        assertThat(loader.getResource("dev/polygate/wsdl/testservices/catalog/catalog.wsdl")).isNotNull();
        assertThat(loader.getResource("dev/polygate/wsdl/testservices/catalog/types/catalog-types.xsd")).isNotNull();
        assertThat(loader.getResource("dev/polygate/wsdl/testservices/catalog/types/common/money.xsd")).isNotNull();
        assertThat(loader.getResource("dev/polygate/wsdl/calculator/calculator.wsdl")).isNotNull();
    }

    @Test
    void onlyContractFilesAreServedAsFiles() {
        assertThat(SoapClient.get(services.contract("SoapServices.class")).status()).isEqualTo(404);
        assertThat(SoapClient.get(services.contract("testservices/../calculator/calculator.wsdl")).status())
                .isEqualTo(404);
        assertThat(SoapClient.get(services.contract("testservices/catalog/none.xsd")).status()).isEqualTo(404);
    }
}
