package dev.polygate.wsdl.cxf.shipments;

import jakarta.xml.bind.annotation.XmlType;

/** What {@code Weigh} answers: how many parcels, their total weight, and the trace id of the request header. */
@XmlType(propOrder = {"count", "totalGrams", "traceId"})
public final class Weighing {

    public int count;
    public long totalGrams;
    public String traceId;
}
