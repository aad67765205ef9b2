package dev.polygate.translators.soap.xml;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.DynamicMessage;

/**
 * Values of fields compiled from XSD given as text from outside an XML document, such as an HTTP header's value:
 * read as the XML reader reads an element's text, by the field's XSD type.
 */
public final class TextValues {
    private TextValues() {
    }

    /** Whether text alone can give the field a value: a scalar or an enum, nillable or not. */
    public static boolean takesText(FieldDescriptor field) {
        FieldDescriptor value = XmlOptions.isNilWrapper(field) ? field.getMessageType().findFieldByNumber(1) : field;
        return value.getJavaType() != FieldDescriptor.JavaType.MESSAGE;
    }

    /**
     * The value {@code text} stands for, ready for {@code setField}.
     *
     * @throws IllegalArgumentException when the text is not a lexical form of the field's type (the message says
     *                                  why) or the field {@linkplain #takesText takes no text}
     */
    public static Object of(FieldDescriptor field, String text) {
        if (!takesText(field)) {
            throw new IllegalArgumentException(field.getFullName() + " has complex content");
        }
        if (XmlOptions.isNilWrapper(field)) {
            FieldDescriptor value = field.getMessageType().findFieldByNumber(1);
            return DynamicMessage.newBuilder(field.getMessageType()).setField(value, Lexical.parse(value, text)).build();
        }
        return Lexical.parse(field, text);
    }
}
