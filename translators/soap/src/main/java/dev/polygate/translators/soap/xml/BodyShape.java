package dev.polygate.translators.soap.xml;

import java.util.List;
import java.util.Objects;
import javax.xml.namespace.QName;

/** How an operation's message sits in the SOAP Body. */
public sealed interface BodyShape {
    /** doc/literal wrapped, or bare with one element part: the message is that element's content. */
    record Element(QName element) implements BodyShape {
        public Element {
            Objects.requireNonNull(element, "element");
        }
    }

    /**
     * doc/literal bare with several parts: the message has one field per part (in order), each written as the
     * part's global element.
     */
    record Parts(List<QName> elements) implements BodyShape {
        public Parts {
            elements = List.copyOf(elements);
        }
    }

    /**
     * rpc/literal: a wrapper element {@code <ns:wrapperLocal>} (namespace = soap:body@namespace) whose children are
     * the message's fields, unqualified, named after the parts.
     */
    record Rpc(QName wrapper) implements BodyShape {
        public Rpc {
            Objects.requireNonNull(wrapper, "wrapper");
        }
    }

    /**
     * No message at all: the answer of a one-way operation. A success answer is a 2xx status with an empty body or
     * with an envelope whose Body holds no Fault (its content is ignored); the message is then the empty output
     * message.
     */
    record NoMessage() implements BodyShape {
    }
}
