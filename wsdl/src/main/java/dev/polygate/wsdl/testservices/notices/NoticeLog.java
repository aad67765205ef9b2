package dev.polygate.wsdl.testservices.notices;

import jakarta.xml.bind.annotation.XmlAccessType;
import jakarta.xml.bind.annotation.XmlAccessorType;
import jakarta.xml.bind.annotation.XmlType;

/** What the service received from one source: how many notices, and the last one (absent before the first). */
@XmlAccessorType(XmlAccessType.FIELD)
@XmlType(name = "NoticeLog", propOrder = {"received", "last"})
public class NoticeLog {

    public long received;

    public Notice last;
}
