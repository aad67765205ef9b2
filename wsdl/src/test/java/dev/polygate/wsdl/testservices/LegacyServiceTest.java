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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** RPC/literal: an operation element in the soap:body namespace, with unqualified part accessors. */
@Timeout(60)
class LegacyServiceTest {

    private static final String NS = "http://polygate.dev/test/legacy";

    private static SoapServices services;
    private static URI legacy;

    @BeforeAll
    static void start() {
        services = SoapServices.start();
        legacy = services.endpoint(SoapServices.LEGACY);
    }

    @AfterAll
    static void stop() {
        services.close();
    }

    @Test
    void simplePartsAreUnqualifiedChildrenOfTheOperationElement() {
        XmlResponse response = SoapClient.soap11(legacy, NS + "/addNumbers",
                "<l:addNumbers xmlns:l=\"" + NS + "\"><a>2</a><b>40</b></l:addNumbers>");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.text("/s11:Envelope/s11:Body/l:addNumbersResponse/sum")).isEqualTo("42");
    }

    @Test
    void aComplexTypedPartKeepsItsLongPrecision() {
        XmlResponse response = SoapClient.soap11(legacy, NS + "/findPerson",
                "<l:findPerson xmlns:l=\"" + NS + "\"><id>9007199254740993</id></l:findPerson>");

        assertThat(response.text("//l:findPersonResponse/person/id")).isEqualTo("9007199254740993");
        assertThat(response.text("//l:findPersonResponse/person/name")).isEqualTo("Person 9007199254740993");
        assertThat(response.text("//l:findPersonResponse/person/age")).isEqualTo("93");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 4})
    void anArrayPartHasOneItemElementPerEntry(int count) {
        XmlResponse response = SoapClient.soap11(legacy, NS + "/tags",
                "<l:tags xmlns:l=\"" + NS + "\"><count>" + count + "</count></l:tags>");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.count("//l:tagsResponse/tags")).isEqualTo(1);
        assertThat(response.count("//l:tagsResponse/tags/item")).isEqualTo(count);
    }

    @Test
    void theWsdlIsRpcLiteralWithTypedPartsAndAnArrayTypeFromItsOwnSchema() {
        XmlResponse wsdl = SoapClient.get(services.wsdl(SoapServices.LEGACY));

        assertThat(wsdl.text("//wsdl:binding/*[local-name()='binding']/@style")).isEqualTo("rpc");
        assertThat(wsdl.text("//wsdl:binding/wsdl:operation[@name='addNumbers']/wsdl:input/*/@namespace"))
                .isEqualTo(NS);
        assertThat(wsdl.text("//wsdl:message[@name='findPersonResponse']/wsdl:part/@type")).endsWith(":person");
        assertThat(wsdl.text("//wsdl:message[@name='tagsResponse']/wsdl:part/@type")).endsWith(":stringArray");
        assertThat(wsdl.count("//xsd:import[@namespace='http://jaxb.dev.java.net/array']")).isEqualTo(1);
    }
}
