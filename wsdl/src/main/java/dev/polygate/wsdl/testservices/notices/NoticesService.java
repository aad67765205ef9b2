package dev.polygate.wsdl.testservices.notices;

import jakarta.jws.Oneway;
import jakarta.jws.WebMethod;
import jakarta.jws.WebParam;
import jakarta.jws.WebResult;
import jakarta.jws.WebService;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A one-way operation ({@code Notify}: an input message and no output, answered by JAX-WS with HTTP 202 and no
 * body) and {@code LastNotice}, which tells what {@code Notify} received from a source, so that a caller can see
 * that a notification arrived. Public and not final because JAX-WS instantiates it.
 */
@WebService(serviceName = "Notices", portName = "NoticesPort", name = "NoticesPortType",
        targetNamespace = NoticesService.NAMESPACE)
public class NoticesService {

    /** The service's and its types' namespace. */
    public static final String NAMESPACE = "http://polygate.dev/test/notices";

    /** The longest {@code LastNotice} waits for the notices it is asked to wait for. */
    public static final long MAX_WAIT_SECONDS = 10;

    /** Per source: the notices received and the last one; its monitor is signalled on every notice. */
    private final Map<String, NoticeLog> logs = new HashMap<>();

    /** Records a notice; there is nothing to answer. */
    @WebMethod(operationName = "Notify", action = NAMESPACE + "/Notify")
    @Oneway
    public void receive(@WebParam(name = "notice", targetNamespace = NAMESPACE) Notice notice) {
        synchronized (logs) {
            NoticeLog log = logs.computeIfAbsent(notice.source, source -> new NoticeLog());
            log.received++;
            log.last = notice;
            logs.notifyAll();
        }
    }

    /**
     * How many notices came from {@code source}, and the last of them, once at least {@code atLeast} have come
     * (or after {@value #MAX_WAIT_SECONDS} seconds). JAX-WS answers a one-way request before the method has run,
     * so a caller that has just been answered 202 may be ahead of the notice; waiting here spares it a retry loop.
     */
    @WebMethod(operationName = "LastNotice", action = NAMESPACE + "/LastNotice")
    @WebResult(name = "log", targetNamespace = NAMESPACE)
    public NoticeLog lastNotice(@WebParam(name = "source", targetNamespace = NAMESPACE) String source,
                                @WebParam(name = "atLeast", targetNamespace = NAMESPACE) int atLeast) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(MAX_WAIT_SECONDS);
        synchronized (logs) {
            long left = deadline - System.nanoTime();
            while (received(source) < atLeast && left > 0) {
                try {
                    TimeUnit.NANOSECONDS.timedWait(logs, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break; // the server is stopping: answer what there is
                }
                left = deadline - System.nanoTime();
            }
            NoticeLog log = logs.get(source);
            NoticeLog copy = new NoticeLog();
            if (log != null) {
                copy.received = log.received;
                copy.last = log.last;
            }
            return copy;
        }
    }

    private long received(String source) {
        NoticeLog log = logs.get(source);
        return log == null ? 0 : log.received;
    }
}
