package dev.polygate.translators.soap.xml;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.google.protobuf.Descriptors.Descriptor;
import dev.polygate.translators.soap.wsdl.SoapVersion;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import javax.xml.namespace.QName;

/**
 * Backend answers read against the shop schema compiled into descriptors. The first input byte picks the SOAP
 * version (bit 0), the HTTP status (bit 1: 200 or 500) and the expected answer (an element of the schema, a list
 * of parts, an rpc wrapper or a one-way acknowledgement); the rest is the body. Every answer is either a result
 * (an output message or a fault) or a SoapProtocolException naming what was wrong. Any other exception or error
 * (NullPointerException, ClassCastException, IllegalStateException, StackOverflowError, ...) is a crash.
 */
class SoapResponseReaderFuzzTest {
    private static final List<String> ELEMENTS = List.of("AddResponse", "Order", "Playlist", "Builtins", "Dog",
            "Tree", "Mangled", "Customer");
    private static final Map<QName, Descriptor> FAULT_DETAILS = Map.of(
            new QName(Schemas.SHOP, "Dog"), Schemas.element("Dog"),
            new QName(Schemas.SHOP, "Order"), Schemas.element("Order"));

    @FuzzTest(maxDuration = "3s")
    void readsAnAnswerOrRefusesIt(byte[] input) {
        if (input.length < 1) {
            return;
        }
        int choice = input[0] & 0xff;
        SoapVersion version = (choice & 1) == 0 ? SoapVersion.SOAP_11 : SoapVersion.SOAP_12;
        int status = (choice & 2) == 0 ? 200 : 500;
        String element = ELEMENTS.get((choice >> 2) % ELEMENTS.size());
        Descriptor type = Schemas.element(element);
        BodyShape shape = switch ((choice >> 5) & 3) {
            case 0 -> new BodyShape.Element(new QName(Schemas.SHOP, element));
            case 1 -> new BodyShape.Rpc(new QName(Schemas.SHOP, element));
            case 2 -> new BodyShape.Parts(type.getFields().stream()
                    .map(field -> new QName(Schemas.SHOP, field.getName())).toList());
            default -> new BodyShape.NoMessage();
        };
        byte[] body = Arrays.copyOfRange(input, 1, input.length);
        try {
            SoapResult result = SoapResponseReader.read(body, status, "text/xml; charset=utf-8", version, shape,
                    type, FAULT_DETAILS);
            assertThat(result).isNotNull();
            if (result instanceof SoapResult.Output output) {
                assertThat(output.message().getDescriptorForType()).isEqualTo(type);
            }
        } catch (SoapProtocolException e) {
            assertThat(e.getMessage()).isNotBlank();
        }
    }

}
