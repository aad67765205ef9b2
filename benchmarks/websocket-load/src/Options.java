import java.util.HashMap;
import java.util.Map;

/** {@code --name value} command-line options with defaults; an unknown or valueless option is an error. */
final class Options {
    private final Map<String, String> values = new HashMap<>();

    Options(String[] args, String... namesAndDefaults) {
        for (int i = 0; i < namesAndDefaults.length; i += 2) {
            values.put(namesAndDefaults[i], namesAndDefaults[i + 1]);
        }
        for (int i = 0; i < args.length; i += 2) {
            String name = args[i].startsWith("--") ? args[i].substring(2) : "";
            if (!values.containsKey(name) || i + 1 >= args.length) {
                throw new IllegalArgumentException("unknown option or missing value: " + args[i]
                        + " (options: " + values.keySet() + ")");
            }
            values.put(name, args[i + 1]);
        }
    }

    String text(String name) {
        return values.get(name);
    }

    int integer(String name) {
        return Integer.parseInt(values.get(name));
    }
}
