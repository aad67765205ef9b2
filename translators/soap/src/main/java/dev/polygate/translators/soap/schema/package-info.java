/**
 * XSD compiled into protobuf descriptors: the contract between the WSDL reader, the XML codec and the JSON
 * layer of the SOAP path. {@link dev.polygate.translators.soap.schema.SchemaCompiler} takes an
 * {@code XmlSchemaCollection} and the global elements (document/literal) and part lists (rpc/literal) the
 * operations use, and returns a {@link dev.polygate.translators.soap.schema.CompiledSchema}: one
 * {@code FileDescriptor} and its {@code .proto} source.
 *
 * <h2>One file per API</h2>
 * All messages of one API go into one proto3 file, in a package the caller names. A file per target
 * namespace would mirror XSD better, but namespaces reference each other in cycles, which protobuf imports
 * forbid. The namespaces are not lost: every message, field and enum carries its XML names in the options of
 * {@code polygate/xml/v1/xml.proto}, and the XML codec reads nothing else.
 *
 * <h2>Names</h2>
 * <ul>
 * <li>Messages: the XML name made a valid identifier with an upper-case first letter ({@code addRequest} →
 * {@code AddRequest}). A name already taken (an element and a type of the same name, the same local name in
 * two namespaces, two names mangled alike) gets a {@code Type} suffix for a type, then {@code 2},
 * {@code 3}, ... in the order types are reached: requested elements in order, then depth first.</li>
 * <li>Anonymous complex types and anonymous enumerations are nested in the message that uses them, named
 * after the element ({@code Order.Item}).</li>
 * <li>Fields: snake_case of the XML name ({@code intA} → {@code int_a}, {@code AddResult} →
 * {@code add_result}, {@code a-b} → {@code a_b}, {@code 1st} → {@code _1st}), with {@code _2}, ... on a
 * collision; a name is also refused when its protoc default JSON name is taken. {@code json_name} is always
 * the XML local name, so JSON keys are the XML names.</li>
 * <li>Names are given elements first, then the simpleContent value, then attributes. An attribute whose
 * name an element of the same message (or the value) already uses gets JSON key {@code @name} and field
 * {@code name_attr}. The simpleContent text is field {@code value}, JSON key {@code value}; an attribute
 * called {@code value} beside it is {@code @value}. Elements never get a prefix.</li>
 * <li>protoc refuses two JSON names that differ only in case, so of the elements {@code intA} and
 * {@code IntA} the second is {@code IntA_2}; likewise the same local name twice in one message (two
 * namespaces, or a sequence a, b, a) gives {@code note} and {@code note_2}. The XML name stays in the options.</li>
 * <li>Enum values: {@code ENUM_NAME_LITERAL} in upper snake case ({@code "1st"} → {@code SIZE_1ST},
 * {@code "a-b"} → {@code SIZE_A_B}); zero is {@code SIZE_UNSPECIFIED}. The literal itself is option
 * {@code (polygate.xml.v1.literal)}, and JSON carries the literal, not the value name.</li>
 * </ul>
 * Field numbers follow document order: base type content first (complexContent extension), then the
 * particle's elements, then attributes. They change when the schema does; they are not a wire contract with
 * the SOAP backend, which only sees XML.
 *
 * <h2>The mapping</h2>
 * <pre>
 * XSD                              proto3                                  JSON                  XML
 * sequence a, b                    fields in that order                    {"a":..,"b":..}       a then b
 * maxOccurs &gt; 1                    repeated                                always an array       one element per item
 * minOccurs = 0 (max 1)            optional (presence)                     key absent if unset   element absent
 * minOccurs = 1                    implicit presence                       printed even if 0/""  always written
 * nillable                         NilXxx wrapper message (see below)      value, or null        xsi:nil="true"
 * attribute                        field, kind ATTRIBUTE, optional unless  "id" (or "@id")       attribute
 *                                  use="required"
 * simpleContent                    field "value", kind VALUE + attributes  {"value":..,"id":..}  text + attributes
 * global element of simple type    message, one VALUE field named after    {"count": 5}          &lt;count&gt;5&lt;/count&gt;
 *                                  the element (kind SIMPLE_ELEMENT)
 * choice (max 1)                   oneof "choice" over its members         the chosen key        the chosen element
 * choice/sequence with max &gt; 1,    nested GROUP message, repeated field    "choice": [{..},..]   groups inline, in order
 *   or sequence inside a choice      of kind GROUP (json "choice"/"sequence")
 * choice with a repeated member    members as plain fields, no oneof       as fields             as fields
 * enumeration                      enum, literal option per value          "the-literal"         the literal
 * xs:any                           string (XML text), kind ANY             "&lt;x:a ...&gt;..&lt;/x:a&gt;"    the element
 * xs:anyAttribute                  map&lt;string,string&gt; "any_attributes"     {"{ns}local": "v"}    attributes
 * int, short, byte                 int32                                   number                lexical
 * unsignedInt/Short/Byte           uint32                                  number
 * long                             int64                                   "string" (proto3)
 * unsignedLong                     uint64                                  "string"
 * integer (+ nonNegative...)       string, type INTEGER                    "12345678901234567890" digits kept
 * decimal                          string, type DECIMAL                    "1.10"                exact, never a double
 * float, double                    float, double                           number / "Infinity"   INF / -INF / NaN
 * boolean                          bool, type BOOLEAN                      true/false            accepts true/false/1/0
 * date, dateTime, time, duration,  string, type DATE/DATE_TIME/...         as received           as received
 *   gYear...
 * base64Binary                     bytes, type BASE64_BINARY               base64                base64
 * hexBinary                        bytes, type HEX_BINARY                  base64 (proto3 bytes) hex
 * QName                            string, type QNAME                      "{ns}local"           prefix:local
 * string, token, anyURI, ID, ...   string                                  string                text
 * list, union                      string, type LIST / UNION               as received           as received
 * complexContent extension         base fields first, then own             flat object           base then own
 * ref="tns:e"                      field named after e, e's namespace      "e"                   &lt;tns:e&gt;
 * recursive type                   message referring to itself             nested objects        nested elements
 * </pre>
 * Element and attribute namespaces follow {@code form}, else {@code elementFormDefault} /
 * {@code attributeFormDefault} of the schema that declares them; global elements and attributes are always
 * qualified. The namespace is in each field's {@code (polygate.xml.v1.xml_field).namespace}, "" for unqualified.
 *
 * <h2>Nil: absent and null are different</h2>
 * proto3 JSON cannot tell an unset field from a JSON null (JsonFormat reads null as "not set"), and a
 * repeated field has no per-item presence. So a nillable element's field never has the element's type
 * itself: its type is a wrapper message of kind NIL_WRAPPER, one per value type ({@code NilString},
 * {@code NilInt32}, {@code NilAddress}, ...):
 * <pre>
 * message NilInt32 {
 *   option (polygate.xml.v1.xml_message) = { kind: XML_MESSAGE_KIND_NIL_WRAPPER };
 *   oneof kind {
 *     int32 value = 1;
 *     google.protobuf.NullValue nil = 2;
 *   }
 * }
 * NilInt32 count = 1 [json_name = "count", (polygate.xml.v1.xml_field) = { name: "count" nillable: true }];
 * </pre>
 * <table>
 * <caption>the three states</caption>
 * <tr><th>XML</th><th>message</th><th>JSON (SOAP JSON layer)</th><th>JsonFormat alone</th></tr>
 * <tr><td>element missing</td><td>count unset</td><td>key absent</td><td>key absent</td></tr>
 * <tr><td>{@code <count xsi:nil="true"/>}</td><td>count.nil = NULL_VALUE</td><td>{@code "count": null}</td>
 *     <td>{@code "count": {"nil": null}}</td></tr>
 * <tr><td>{@code <count>5</count>}</td><td>count.value = 5</td><td>{@code "count": 5}</td>
 *     <td>{@code "count": {"value": 5}}</td></tr>
 * </table>
 * Repeated nillable elements are arrays of wrappers: {@code [1, null, 3]}. A wrapper is a message, so it also
 * works as a oneof member. The JSON layer unwraps every message of kind NIL_WRAPPER; gRPC clients see the
 * wrapper as it is ({@code count { nil: NULL_VALUE }}). Attributes on a nil element are not kept.
 *
 * <h2>SOAP headers</h2>
 * A request or response whose operation declares {@code soap:header} parts gets a message of its own
 * ({@link dev.polygate.translators.soap.schema.SchemaRequest.HeaderedMessage}): the body message's fields, oneofs
 * and options copied, and one more field, JSON {@code header} ({@code soapHeader} when the body has that name),
 * option {@code (polygate.xml.v1.soap_headers) = true}. Its type, kind SOAP_HEADERS, has one optional field per
 * header part, named, typed and qualified like an rpc part of that element. Operations without declared headers
 * keep the body's message, so their JSON and gRPC shapes do not change.
 *
 * <h2>Not mapped</h2>
 * Mixed content (text between child elements is dropped), xsi:type polymorphism (a derived type sent in place
 * of its base is read as the base), substitution groups, identity constraints, facets other than
 * enumeration (not validated), default and fixed values (not filled in).
 */
package dev.polygate.translators.soap.schema;
