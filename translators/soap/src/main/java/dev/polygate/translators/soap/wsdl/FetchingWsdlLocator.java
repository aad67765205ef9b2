package dev.polygate.translators.soap.wsdl;

import dev.polygate.spi.ConfigException;
import java.io.ByteArrayInputStream;
import java.net.URI;
import javax.wsdl.xml.WSDLLocator;
import org.xml.sax.InputSource;

/**
 * Hands wsdl4j the documents that {@code wsdl:import} names, fetched by our {@link DocumentFetcher} (limits,
 * deadline, DTDs refused) instead of wsdl4j's own unbounded URL reader. Relative locations are resolved against the
 * importing document's own URI, which wsdl4j passes in.
 */
final class FetchingWsdlLocator implements WSDLLocator {
    private final DocumentFetcher fetcher;
    private final DocumentFetcher.Fetched base;
    private String latestImport;

    FetchingWsdlLocator(DocumentFetcher fetcher, DocumentFetcher.Fetched base) {
        this.fetcher = fetcher;
        this.base = base;
    }

    @Override
    public InputSource getBaseInputSource() {
        return source(base);
    }

    @Override
    public String getBaseURI() {
        return base.uri().toString();
    }

    @Override
    public InputSource getImportInputSource(String parentLocation, String importLocation) {
        try {
            URI parent = parentLocation == null ? base.uri() : URI.create(parentLocation);
            DocumentFetcher.Fetched imported = fetcher.fetch(DocumentFetcher.resolve(parent, importLocation));
            latestImport = imported.uri().toString();
            return source(imported);
        } catch (ConfigException e) {
            throw new ImportFailure(ImportFailure.importedBy(e, "wsdl:import", parentLocation));
        }
    }

    @Override
    public String getLatestImportURI() {
        return latestImport;
    }

    @Override
    public void close() {
    }

    private static InputSource source(DocumentFetcher.Fetched document) {
        InputSource source = new InputSource(new ByteArrayInputStream(document.bytes()));
        source.setSystemId(document.uri().toString());
        return source;
    }
}
