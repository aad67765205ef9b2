package dev.polygate.translators.soap.json;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * "At most one member of each xs:choice": the reader refuses a second member (a {@code null} for a nillable one
 * counts as given). Written as a {@code oneOf} of "has this member" per member plus "has none of them", so
 * exactly one branch holds when at most one member is there.
 */
final class ChoiceSchemas {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private ChoiceSchemas() {
    }

    /** Adds the constraints of the choices (each a list of two or more JSON keys) to an object's schema. */
    static void constrain(ObjectNode object, List<List<String>> choices) {
        if (choices.isEmpty()) {
            return;
        }
        if (choices.size() == 1) {
            object.set("oneOf", atMostOne(choices.get(0)));
            return;
        }
        ArrayNode all = object.putArray("allOf");
        choices.forEach(members -> all.addObject().set("oneOf", atMostOne(members)));
    }

    private static ArrayNode atMostOne(List<String> members) {
        ArrayNode branches = JSON.arrayNode();
        ArrayNode any = JSON.arrayNode();
        for (String member : members) {
            branches.addObject().putArray("required").add(member);
            any.addObject().putArray("required").add(member);
        }
        branches.addObject().putObject("not").set("anyOf", any);
        return branches;
    }
}
