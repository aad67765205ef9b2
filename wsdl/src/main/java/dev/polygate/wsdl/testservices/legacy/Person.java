package dev.polygate.wsdl.testservices.legacy;

import jakarta.xml.bind.annotation.XmlAccessType;
import jakarta.xml.bind.annotation.XmlAccessorType;
import jakarta.xml.bind.annotation.XmlType;

/** A complex type used as a type-based rpc part; its children are unqualified. */
@XmlAccessorType(XmlAccessType.FIELD)
@XmlType(name = "person", propOrder = {"id", "name", "age"})
public class Person {

    public long id;

    public String name;

    public int age;
}
