package dev.polygate.translators.model.transcoding;

import com.google.protobuf.DynamicMessage;
import dev.polygate.spi.GatewayException;
import java.util.List;
import java.util.Map;

/**
 * The request messages of one binding whose path and query are the same for each (the messages of a WebSocket
 * session): what does not change from one message to the next is resolved once, on the first message, and each
 * message then costs its JSON. The answers and errors are those of {@link RequestTranscoder#request}. Not
 * thread-safe: one per session.
 */
public final class PreparedRequest {
    private final RequestTranscoder transcoder;
    private final RuleMatch match;
    /** The query, or null when it binds nothing. */
    private final Map<String, List<String>> query;
    private RequestPlan plan;
    /** The path's values, or null to parse them for each message (they are refused: each message says so). */
    private List<RequestTranscoder.PathValue> path;

    PreparedRequest(RequestTranscoder transcoder, RuleMatch match, Map<String, List<String>> query) {
        this.transcoder = transcoder;
        this.match = match;
        this.query = query == null || query.isEmpty() ? null : query;
    }

    /**
     * The request of one JSON text; {@code json} empty: from the path and query alone.
     *
     * @throws GatewayException BAD_REQUEST naming what is wrong
     */
    public DynamicMessage request(String json) {
        if (plan == null) {
            plan = transcoder.plan(match);
            try {
                path = transcoder.pathValues(plan, match);
            } catch (GatewayException refused) {
                path = null;
            }
        }
        return transcoder.build(plan, match, path, query, plan.bodyMode == RequestPlan.BodyMode.NONE ? "" : json, "");
    }
}
