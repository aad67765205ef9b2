/**
 * The JSON of SOAP operations' messages: {@link dev.polygate.translators.soap.json.XmlJsonCodec} reads and
 * writes messages compiled from XSD as the JSON the schema package documents (XML names as keys, null for
 * xsi:nil, literals for enumerations, exact numbers), and plugs into REST/JSON transcoding as its
 * {@link dev.polygate.translators.model.transcoding.JsonCodec}.
 */
package dev.polygate.translators.soap.json;
