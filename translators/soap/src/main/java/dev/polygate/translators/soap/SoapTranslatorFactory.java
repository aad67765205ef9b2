package dev.polygate.translators.soap;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.Descriptors;
import com.google.protobuf.TypeRegistry;
import com.google.rpc.ErrorDetailsProto;
import dev.polygate.spi.ApiDocument;
import dev.polygate.spi.ConfigException;
import dev.polygate.spi.ConfigProblems;
import dev.polygate.spi.Translator;
import dev.polygate.spi.TranslatorContext;
import dev.polygate.spi.TranslatorFactory;
import dev.polygate.translators.http.HttpTranslatorFactory;
import dev.polygate.translators.model.call.CallOpener;
import dev.polygate.translators.model.call.GrpcIngress;
import dev.polygate.translators.model.catalog.ServiceCatalog;
import dev.polygate.translators.model.docs.ApiDocuments;
import dev.polygate.translators.model.rest.RestIngress;
import dev.polygate.translators.model.rest.RestSettings;
import dev.polygate.translators.model.route.RouteOperations;
import dev.polygate.translators.model.transcoding.HttpRuleIndex;
import dev.polygate.translators.model.transcoding.RequestTranscoder;
import dev.polygate.translators.model.transcoding.ResponseTranscoder;
import dev.polygate.translators.model.transcoding.TranscodingOptions;
import dev.polygate.translators.model.websocket.WebSocketIngress;
import dev.polygate.translators.soap.json.XmlJsonCodec;
import dev.polygate.translators.soap.wsdl.WsdlDefinition;
import dev.polygate.translators.soap.wsdl.WsdlImporter;
import dev.polygate.translators.soap.wsdl.WsdlPort;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The {@code soap} translator: a WSDL's port exposed as REST/JSON, one route per operation
 * ({@code POST prefix/Operation} by default), each call carried to the SOAP backend as an envelope over the
 * http translator's pooled connections. The WSDL is read and compiled when the configuration is built.
 */
public final class SoapTranslatorFactory implements TranslatorFactory {
    private final HttpTranslatorFactory connections = new HttpTranslatorFactory();
    /** XML is written and read here, never on an event loop; bounded so a flood queues briefly, then fails fast. */
    private final ExecutorService xmlWork = new ThreadPoolExecutor(2, Math.max(2, Runtime.getRuntime().availableProcessors()),
            30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(4096), runnable -> {
                Thread thread = new Thread(runnable, "polygate-soap-xml");
                thread.setDaemon(true);
                return thread;
            });

    @Override
    public String name() {
        return "soap";
    }

    @Override
    public Translator create(JsonNode config, TranslatorContext context) throws ConfigException {
        ConfigProblems problems = new ConfigProblems();
        SoapRouteConfig route = SoapRouteConfig.read(config, context.configDirectory(), problems);
        if (route == null) {
            problems.throwIfAny();
        }
        // A missing upstream is reported by the section's own reading; the connection would only say it again.
        Translator backend = route.upstream() == null ? null
                : problems.attempt("", () -> connections.create(route.connection(), context));
        WsdlDefinition wsdl = route.wsdl() == null ? null
                : problems.attempt("wsdl", () -> WsdlImporter.load(route.wsdl(), route.wsdlTimeout()));
        // The port's problems name the service and port keys, at the section's top level beside wsdl.
        WsdlPort port = wsdl == null ? null : problems.attempt("", () -> wsdl.port(route.service(), route.port()));
        if (port != null) {
            SoapRouteChecks.operationNames(route, port, problems);
        }
        SoapApi api = port == null ? null : problems.attempt("", () -> SoapApi.build(wsdl, port, route));
        HttpRuleIndex rules = api == null ? null : problems.attempt("", () -> HttpRuleIndex.build(
                List.of(api.service()), api::successStatus, SoapRouteChecks.placeOf(api, route)));
        if (rules != null && context.routePaths().isPresent()) {
            SoapRouteChecks.reach(api, route, rules, context.routePaths().get(), problems);
        }
        if (!problems.isEmpty()) {
            if (backend != null) {
                backend.close();
            }
            problems.throwIfAny();
        }
        TypeRegistry types = TypeRegistry.newBuilder().add(ErrorDetailsProto.getDescriptor().getMessageTypes())
                .add(api.schema().file().getMessageTypes()).build();
        TranscodingOptions options = new TranscodingOptions(false, false, route.ignoreUnknownFields());
        XmlJsonCodec json = new XmlJsonCodec(options);
        RestIngress.Transcoding transcoding = new RestIngress.Transcoding(rules,
                new RequestTranscoder(options, types, json), new ResponseTranscoder(options, types, json), types);
        String path = route.path() != null ? route.path()
                : port.address() != null && port.address().getRawPath() != null && !port.address().getRawPath().isEmpty()
                ? port.address().getRawPath() : "/";
        WsSecurity security = WsSecurity.of(route.wsSecurity(), api.service().getName());
        CallOpener calls = (client, method, metadata, listener) -> new SoapCall(backend,
                client, api.bindings().get(method.getFullName()), path, listener, xmlWork, security,
                route.maxMessageBytes());
        RestIngress rest = new RestIngress(transcoding, calls,
                new RestSettings(Set.of(), route.maxMessageBytes(), route.timeout()),
                new SoapErrors(types, json, route.serverFaultStatus()));
        Function<String, Descriptors.MethodDescriptor> methods = grpcMethods(api.service());
        GrpcIngress grpc = new GrpcIngress(methods, calls, route.maxMessageBytes(), route.timeout());
        WebSocketIngress webSocket = new WebSocketIngress(rest, methods);
        return new SoapTranslator(rest, grpc, webSocket, new RouteOperations(rest, webSocket, methods), api.service(), api.contractFingerprint(), backend,
                documents(api, rules, port, options), ServiceCatalog.of(context));
    }

    /** The OpenAPI document and the .proto files, with the well-known files they import, so protoc takes them as served. */
    private static List<ApiDocument> documents(SoapApi api, HttpRuleIndex rules, WsdlPort port,
                                               TranscodingOptions options) {
        List<ApiDocument> documents = new ArrayList<>(ApiDocuments.of(List.of(api.service()), rules,
                SoapApiDialect.of(api, port, options)));
        documents.addAll(ImportedProtoFiles.of(api.service().getFile()));
        return List.copyOf(documents);
    }

    /** The operations by their gRPC path, {@code /package.Service/Operation}. */
    private static Function<String, Descriptors.MethodDescriptor> grpcMethods(Descriptors.ServiceDescriptor service) {
        Map<String, Descriptors.MethodDescriptor> byPath = new HashMap<>();
        for (Descriptors.MethodDescriptor method : service.getMethods()) {
            byPath.put("/" + service.getFullName() + "/" + method.getName(), method);
        }
        return byPath::get;
    }
}
