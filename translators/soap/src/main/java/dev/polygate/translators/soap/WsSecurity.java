package dev.polygate.translators.soap;

import dev.polygate.spi.GatewayException;
import dev.polygate.translators.model.wire.GrpcStatus;
import dev.polygate.translators.model.wire.GrpcStatusCode;
import dev.polygate.translators.soap.xml.HeaderBlock;
import dev.polygate.translators.soap.xml.SoapFault;
import dev.polygate.translators.soap.xml.UsernameToken;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import javax.xml.namespace.QName;

/**
 * A route's WS-Security: the UsernameToken header each call carries, and who is to blame when the backend
 * refuses it.
 *
 * <ul>
 *   <li>Config credentials: the same token on every call. A WS-Security fault means the gateway is
 *       misconfigured, so it ends the call as a server fault (INTERNAL, {@code faults.serverStatus}), even
 *       when SOAP 1.2 calls it a Sender fault.</li>
 *   <li>Caller credentials: the token is built from the caller's {@code Authorization: Basic} header, which
 *       itself never travels to the backend. Without usable credentials the call ends before the backend is
 *       reached, and a WS-Security fault means the caller's credentials were refused; both are UNAUTHENTICATED
 *       (401) with a {@code WWW-Authenticate: Basic} challenge.</li>
 * </ul>
 *
 * <p>A WS-Security fault is one whose SOAP 1.1 faultcode or SOAP 1.2 subcode is a {@code wsse} failure of the
 * SOAP Message Security spec that is about the token or its header: FailedAuthentication,
 * InvalidSecurityToken, InvalidSecurity, FailedCheck, SecurityTokenUnavailable.
 */
final class WsSecurity {
    /** A route without WS-Security: no header, faults keep their usual status. */
    static final WsSecurity NONE = new WsSecurity(null, "");

    private static final Set<String> REFUSALS = Set.of("FailedAuthentication", "InvalidSecurityToken",
            "InvalidSecurity", "FailedCheck", "SecurityTokenUnavailable");

    private final WsSecurityConfig config;
    private final String challenge;
    private final SecureRandom random = new SecureRandom();

    private WsSecurity(WsSecurityConfig config, String realm) {
        this.config = config;
        this.challenge = "Basic realm=\"" + realm.replace("\\", "\\\\").replace("\"", "\\\"") + "\", charset=\"UTF-8\"";
    }

    /**
     * @param config the route's section, or null for none
     * @param realm  the protection space named to callers asked for credentials
     */
    static WsSecurity of(WsSecurityConfig config, String realm) {
        return config == null ? NONE : new WsSecurity(config, realm);
    }

    /**
     * The header blocks of one call.
     *
     * @param request the caller's request headers, where caller credentials are read
     * @throws GatewayException UNAUTHENTICATED when caller credentials are missing or unusable
     */
    List<HeaderBlock> headers(HttpHeaders request) throws GatewayException {
        if (config == null) {
            return List.of();
        }
        String username = config.username();
        String password = config.password();
        if (config.credentials() == WsSecurityConfig.Credentials.CALLER) {
            BasicCredentials caller = BasicCredentials.parse(request.get(HttpHeaderNames.AUTHORIZATION));
            username = caller.username();
            password = caller.password();
        }
        return List.of(UsernameToken.header(username, password, config.digest(), Clock.systemUTC(), random));
    }

    /** How a fault of the backend ends the call. */
    GrpcStatus status(SoapFault fault) {
        if (config == null || !isRefusal(fault)) {
            return FaultStatus.of(fault);
        }
        return FaultStatus.of(fault, config.credentials() == WsSecurityConfig.Credentials.CALLER
                ? GrpcStatusCode.UNAUTHENTICATED : GrpcStatusCode.INTERNAL);
    }

    /** The headers (trailers for gRPC clients) a call ending with {@code status} carries: the challenge of a 401. */
    HttpHeaders headersOf(GrpcStatus status) {
        return config != null && config.credentials() == WsSecurityConfig.Credentials.CALLER
                && status.code() == GrpcStatusCode.UNAUTHENTICATED
                ? new DefaultHttpHeaders().set(HttpHeaderNames.WWW_AUTHENTICATE, challenge) : EmptyHttpHeaders.INSTANCE;
    }

    private static boolean isRefusal(SoapFault fault) {
        if (isWsSecurityFailure(fault.code())) {
            return true;
        }
        return fault.subcodes().stream().anyMatch(WsSecurity::isWsSecurityFailure);
    }

    private static boolean isWsSecurityFailure(QName code) {
        return code != null && UsernameToken.WSSE.equals(code.getNamespaceURI()) && REFUSALS.contains(code.getLocalPart());
    }
}
