package dev.polygate.translators.soap.xml;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.OneofDescriptor;
import com.google.protobuf.DynamicMessage;
import dev.polygate.xml.v1.XmlFieldKind;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.xml.namespace.QName;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * The child elements of one element (or of one item of a GROUP field) being read. GROUP items have no element of
 * their own, so where one ends is inferred from order: an item takes elements forward only, and an element it
 * cannot take (its field is behind the cursor, already set, or its choice is taken) starts the next item.
 */
final class ContentFrame {
    private final Descriptor type;
    private final DynamicMessage.Builder builder;
    private final boolean forwardOnly;
    private final List<FieldDescriptor> fields;
    private final Set<FieldDescriptor> filled = new HashSet<>();
    private final Map<FieldDescriptor, ContentFrame> openGroups = new HashMap<>();
    private int cursor = -1;

    ContentFrame(Descriptor type, DynamicMessage.Builder builder, boolean forwardOnly) {
        this.type = type;
        this.builder = builder;
        this.forwardOnly = forwardOnly;
        this.fields = type.getFields();
    }

    /** Reads the child element the reader is on into a field; false when no field takes it (not consumed). */
    boolean take(XMLStreamReader in, QName name) throws XMLStreamException {
        int from = Math.max(cursor, 0);
        if (takeFrom(in, name, from)) {
            return true;
        }
        // Out of order: accepted where the element is known, except inside a group item, which ends instead.
        if (!forwardOnly && from > 0 && takeFrom(in, name, 0)) {
            return true;
        }
        if (forwardOnly) {
            return false;
        }
        for (FieldDescriptor field : fields) {
            if (XmlOptions.kind(field) == XmlFieldKind.XML_FIELD_KIND_ELEMENT && XmlOptions.name(field).equals(name)) {
                // Known but its choice is taken: dropping it would lose data the schema declares.
                throw new XMLStreamException("element " + name + " cannot follow the choice already made in " + type.getName(),
                        in.getLocation());
            }
        }
        for (FieldDescriptor field : fields) {
            if (XmlOptions.kind(field) == XmlFieldKind.XML_FIELD_KIND_ANY && fillable(field)) {
                store(field, RawXml.capture(in));
                return true;
            }
        }
        return false;
    }

    private boolean takeFrom(XMLStreamReader in, QName name, int from) throws XMLStreamException {
        for (int i = from; i < fields.size(); i++) {
            FieldDescriptor field = fields.get(i);
            XmlFieldKind kind = XmlOptions.kind(field);
            if (kind == XmlFieldKind.XML_FIELD_KIND_ELEMENT && XmlOptions.name(field).equals(name)) {
                if (!fillable(field)) {
                    if (forwardOnly || !isLast(name, i)) {
                        continue;
                    }
                    throw new XMLStreamException("element " + name + " occurs more than once", in.getLocation());
                }
                store(field, XmlMessageReader.value(in, field));
                cursor = i;
                return true;
            }
            if (kind == XmlFieldKind.XML_FIELD_KIND_GROUP) {
                ContentFrame open = openGroups.get(field);
                if (open != null && open.accepts(name)) {
                    open.take(in, name);
                    cursor = i;
                    return true;
                }
                if (startsWith(field.getMessageType(), name, 0) && (field.isRepeated() || open == null && fillable(field))) {
                    finish(field);
                    ContentFrame item = new ContentFrame(field.getMessageType(),
                            DynamicMessage.newBuilder(field.getMessageType()), true);
                    openGroups.put(field, item);
                    markFilled(field);
                    item.take(in, name);
                    cursor = i;
                    return true;
                }
            }
        }
        return false;
    }

    /** Whether no later field of this frame has the same element name (the duplicate is then an error). */
    private boolean isLast(QName name, int index) {
        for (int i = index + 1; i < fields.size(); i++) {
            if (XmlOptions.kind(fields.get(i)) == XmlFieldKind.XML_FIELD_KIND_ELEMENT && XmlOptions.name(fields.get(i)).equals(name)) {
                return false;
            }
        }
        return true;
    }

    /** Whether this group item can take {@code name} without going back. */
    private boolean accepts(QName name) {
        for (int i = Math.max(cursor, 0); i < fields.size(); i++) {
            FieldDescriptor field = fields.get(i);
            XmlFieldKind kind = XmlOptions.kind(field);
            if (kind == XmlFieldKind.XML_FIELD_KIND_ELEMENT && XmlOptions.name(field).equals(name) && fillable(field)) {
                return true;
            }
            if (kind == XmlFieldKind.XML_FIELD_KIND_GROUP) {
                ContentFrame open = openGroups.get(field);
                if (open != null && open.accepts(name)
                        || startsWith(field.getMessageType(), name, 0) && (field.isRepeated() || open == null && fillable(field))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Whether a fresh item of a group message can begin with {@code name}. */
    private static boolean startsWith(Descriptor group, QName name, int depth) {
        if (depth > XmlMessageReader.MAX_DEPTH) {
            return false;
        }
        for (FieldDescriptor field : group.getFields()) {
            XmlFieldKind kind = XmlOptions.kind(field);
            if (kind == XmlFieldKind.XML_FIELD_KIND_ELEMENT && XmlOptions.name(field).equals(name)
                    || kind == XmlFieldKind.XML_FIELD_KIND_GROUP && startsWith(field.getMessageType(), name, depth + 1)) {
                return true;
            }
        }
        return false;
    }

    private boolean fillable(FieldDescriptor field) {
        if (field.isRepeated()) {
            return true;
        }
        if (filled.contains(field)) {
            return false;
        }
        OneofDescriptor oneof = field.getRealContainingOneof();
        if (oneof != null) {
            for (FieldDescriptor member : oneof.getFields()) {
                if (filled.contains(member)) {
                    return false;
                }
            }
        }
        return true;
    }

    private void markFilled(FieldDescriptor field) {
        filled.add(field);
    }

    private void store(FieldDescriptor field, Object value) {
        markFilled(field);
        if (field.isRepeated()) {
            builder.addRepeatedField(field, value);
        } else {
            builder.setField(field, value);
        }
    }

    /** Stores every open group item; call when the element ends. */
    void finish() {
        for (FieldDescriptor field : fields) {
            if (openGroups.containsKey(field)) {
                finish(field);
            }
        }
    }

    private void finish(FieldDescriptor group) {
        ContentFrame open = openGroups.remove(group);
        if (open != null) {
            open.finish();
            if (group.isRepeated()) {
                builder.addRepeatedField(group, open.builder.build());
            } else {
                builder.setField(group, open.builder.build());
            }
        }
    }

    @Override
    public String toString() {
        return "content of " + type.getFullName();
    }
}
