package dev.polygate.translators.soap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.DynamicMessage;
import dev.polygate.spi.ErrorKind;
import dev.polygate.spi.GatewayException;
import dev.polygate.xml.v1.XmlMessageKind;
import dev.polygate.xml.v1.XmlProto;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The messages of operations with declared SOAP headers: a {@code header} object only where headers are declared,
 * {@code soapHeader} when the body already has a {@code header}, and the JSON clients write and read.
 */
class HeaderedMessagesTest {
    private static SoapApi api;

    @BeforeAll
    static void build() throws Exception {
        api = DeskContract.api("");
    }

    private static List<String> jsonNames(Descriptor type) {
        return type.getFields().stream().map(FieldDescriptor::getJsonName).toList();
    }

    private static FieldDescriptor headersField(Descriptor type) {
        return type.getFields().stream().filter(f -> f.getOptions().getExtension(XmlProto.soapHeaders))
                .findFirst().orElseThrow();
    }

    @Test
    void aRequestWithDeclaredHeadersGetsAHeaderObjectWithOneFieldPerPart() {
        Descriptor request = DeskContract.operation(api, "Lookup").inputType();
        assertThat(request.getName()).isEqualTo("LookupRequest");
        assertThat(jsonNames(request)).containsExactly("id", "header");
        FieldDescriptor header = headersField(request);
        assertThat(header.getJsonName()).isEqualTo("header");
        assertThat(header.getNumber()).isEqualTo(2);
        Descriptor parts = header.getMessageType();
        assertThat(parts.getName()).isEqualTo("LookupRequestHeader");
        assertThat(parts.getOptions().getExtension(XmlProto.xmlMessage).getKind())
                .isEqualTo(XmlMessageKind.XML_MESSAGE_KIND_SOAP_HEADERS);
        assertThat(jsonNames(parts)).containsExactly("Trace", "Count", "Session", "Audit");
        assertThat(parts.getFields()).allSatisfy(part -> assertThat(part.hasPresence()).as(part.getName()).isTrue());
        // the body's XML facts travel with its fields
        Descriptor body = api.schema().messageForElement(new javax.xml.namespace.QName(DeskContract.DESK, "Lookup"))
                .orElseThrow();
        assertThat(request.getOptions()).isEqualTo(body.getOptions());
        assertThat(request.findFieldByName("id").getOptions()).isEqualTo(body.findFieldByName("id").getOptions());
    }

    @Test
    void aResponseWithDeclaredHeadersGetsOneToo() {
        OperationBinding lookup = DeskContract.operation(api, "Lookup");
        assertThat(lookup.outputType().getName()).isEqualTo("LookupResponseMessage");
        assertThat(jsonNames(lookup.outputType())).containsExactly("name", "header");
        assertThat(jsonNames(headersField(lookup.outputType()).getMessageType())).containsExactly("Served");
    }

    @Test
    void operationsWithoutHeadersKeepTheBodysMessage() {
        OperationBinding plain = DeskContract.operation(api, "Plain");
        assertThat(plain.inputType().getName()).isEqualTo("Plain");
        assertThat(plain.outputType().getName()).isEqualTo("PlainResponse");
        assertThat(jsonNames(plain.inputType())).containsExactly("id");
        // Echo declares a request header only
        assertThat(DeskContract.operation(api, "Echo").outputType().getName()).isEqualTo("EchoResponse");
    }

    @Test
    void aBodyFieldCalledHeaderLeavesTheHeadersToSoapHeader() {
        Descriptor echo = DeskContract.operation(api, "Echo").inputType();
        assertThat(jsonNames(echo)).containsExactly("header", "soapHeader");
        assertThat(headersField(echo).getName()).isEqualTo("soap_header");
        DynamicMessage request = DeskContract.request(DeskContract.operation(api, "Echo"),
                "{\"header\":\"body text\",\"soapHeader\":{\"Trace\":\"t-9\"}}");
        assertThat(DeskContract.JSON.print(request)).isEqualTo("{\"header\":\"body text\",\"soapHeader\":{\"Trace\":\"t-9\"}}");
    }

    @Test
    void theHeaderObjectIsOptionalAndItsPartsToo() {
        OperationBinding lookup = DeskContract.operation(api, "Lookup");
        assertThat(DeskContract.JSON.print(DeskContract.request(lookup, "{\"id\":\"7\"}"))).isEqualTo("{\"id\":\"7\"}");
        assertThat(DeskContract.JSON.print(DeskContract.request(lookup, "{\"id\":\"7\",\"header\":{\"Count\":3}}")))
                .isEqualTo("{\"id\":\"7\",\"header\":{\"Count\":3}}");
    }

    @Test
    void aHeaderOfTheWrongJsonTypeIsABadRequestNamingIt() {
        OperationBinding lookup = DeskContract.operation(api, "Lookup");
        assertThatThrownBy(() -> DeskContract.request(lookup, "{\"id\":\"7\",\"header\":\"t-1\"}"))
                .isInstanceOfSatisfying(GatewayException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.BAD_REQUEST);
                    assertThat(e.detail()).contains("header");
                });
        assertThatThrownBy(() -> DeskContract.request(lookup, "{\"id\":\"7\",\"header\":{\"Count\":\"many\"}}"))
                .isInstanceOfSatisfying(GatewayException.class, e -> assertThat(e.detail()).contains("header.Count"));
        assertThatThrownBy(() -> DeskContract.request(lookup, "{\"id\":\"7\",\"header\":{\"Nope\":1}}"))
                .isInstanceOfSatisfying(GatewayException.class, e -> assertThat(e.detail()).contains("header.Nope"));
    }
}
