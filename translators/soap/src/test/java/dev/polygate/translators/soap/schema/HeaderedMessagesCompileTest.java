package dev.polygate.translators.soap.schema;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import dev.polygate.xml.v1.XmlProto;
import java.util.List;
import javax.xml.namespace.QName;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Messages carrying SOAP headers: a faithful copy of the body's message, plus the header object. */
class HeaderedMessagesCompileTest {
    private static CompiledSchema schema;

    @BeforeAll
    static void compile() throws Exception {
        schema = TestSchemas.compileShopWithHeaders();
    }

    private static List<String> jsonNames(Descriptor type) {
        return type.getFields().stream().map(FieldDescriptor::getJsonName).toList();
    }

    @Test
    void theCopyKeepsTheBodysFieldsChoicesAndTypesAndAddsTheHeaderLast() {
        Descriptor order = schema.messageForElement(new QName(TestSchemas.SHOP, "Order")).orElseThrow();
        Descriptor request = schema.messageWithHeaders("OrderRequest").orElseThrow();
        assertThat(request.getName()).isEqualTo("OrderRequest");
        assertThat(jsonNames(request).subList(0, order.getFields().size())).isEqualTo(jsonNames(order));
        assertThat(jsonNames(request).get(order.getFields().size())).isEqualTo("header");
        for (FieldDescriptor field : order.getFields()) {
            FieldDescriptor copy = request.findFieldByNumber(field.getNumber());
            assertThat(copy.getOptions()).as(field.getName()).isEqualTo(field.getOptions());
            assertThat(copy.getRealContainingOneof() == null).as(field.getName())
                    .isEqualTo(field.getRealContainingOneof() == null);
            if (field.isMapField()) {
                // a map entry sits beside its field
                assertThat(copy.getMessageType().getContainingType()).isEqualTo(request);
            } else if (field.getType() == FieldDescriptor.Type.ENUM) {
                assertThat(copy.getEnumType()).isEqualTo(field.getEnumType());
            } else if (field.getType() == FieldDescriptor.Type.MESSAGE) {
                assertThat(copy.getMessageType()).isEqualTo(field.getMessageType());
            }
        }
        assertThat(request.getOptions()).isEqualTo(order.getOptions());
        assertThat(request.getEnumTypes()).isEmpty();
    }

    @Test
    void theHeaderObjectHasAnOptionalFieldPerPartNamedAfterItsElement() {
        Descriptor request = schema.messageWithHeaders("OrderRequest").orElseThrow();
        FieldDescriptor header = request.findFieldByName("header");
        assertThat(header.getOptions().getExtension(XmlProto.soapHeaders)).isTrue();
        Descriptor parts = header.getMessageType();
        assertThat(parts.getName()).isEqualTo("OrderRequestHeader");
        assertThat(jsonNames(parts)).containsExactly("comment", "count");
        assertThat(parts.findFieldByName("comment").hasPresence()).isTrue();
        assertThat(parts.findFieldByName("comment").getOptions().getExtension(XmlProto.xmlField).getNamespace())
                .isEqualTo(TestSchemas.SHOP);
        // count is nillable: its value or null, as everywhere else
        assertThat(parts.findFieldByName("count").getMessageType().getName()).isEqualTo("NilInt");
    }

    @Test
    void anRpcBodyIsCopiedToo() {
        Descriptor ship = schema.messageWithHeaders("ShipRequest").orElseThrow();
        assertThat(jsonNames(ship)).containsExactly("weight", "header");
        assertThat(jsonNames(ship.findFieldByName("header").getMessageType())).containsExactly("comment");
    }
}
