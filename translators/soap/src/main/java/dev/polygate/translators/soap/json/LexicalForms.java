package dev.polygate.translators.soap.json;

import dev.polygate.translators.soap.xml.IllegalXmlCharacterException;
import java.math.BigInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The lexical forms of the XSD types JSON carries as strings. A SOAP backend answers a malformed date or
 * number with a fault that rarely says which element was wrong; refusing it here names the field. Each check
 * returns null when the text is valid, else what was expected.
 */
final class LexicalForms {

    private static final String TZ = "(Z|[+-]((0\\d|1[0-3]):[0-5]\\d|14:00))?";
    static final Pattern DATE = Pattern.compile("(-?(?:[1-9]\\d{4,}|\\d{4}))-(\\d\\d)-(\\d\\d)" + TZ);
    static final Pattern TIME = Pattern.compile("(\\d\\d):(\\d\\d):(\\d\\d)(\\.\\d+)?" + TZ);
    static final Pattern DATE_TIME = Pattern.compile("(-?(?:[1-9]\\d{4,}|\\d{4}))-(\\d\\d)-(\\d\\d)"
            + "T(\\d\\d):(\\d\\d):(\\d\\d)(\\.\\d+)?" + TZ);
    static final Pattern DURATION = Pattern.compile(
            "-?P(?=\\d|T\\d)(\\d+Y)?(\\d+M)?(\\d+D)?(T(?=\\d)(\\d+H)?(\\d+M)?(\\d+(\\.\\d+)?S)?)?");
    static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)");
    static final Pattern INTEGER = Pattern.compile("[+-]?\\d+");
    static final Pattern CLARK = Pattern.compile("(\\{[^{}]*})?[^{}:\\s]+");

    private LexicalForms() {
    }

    static String date(String text) {
        Matcher m = DATE.matcher(text);
        return m.matches() && realDay(m.group(1), m.group(2), m.group(3)) ? null
                : "an xs:date such as \"2024-01-31\"";
    }

    static String time(String text) {
        Matcher m = TIME.matcher(text);
        return m.matches() && realTime(m.group(1), m.group(2), m.group(3), m.group(4)) ? null
                : "an xs:time such as \"13:20:00\"";
    }

    static String dateTime(String text) {
        Matcher m = DATE_TIME.matcher(text);
        return m.matches() && realDay(m.group(1), m.group(2), m.group(3))
                && realTime(m.group(4), m.group(5), m.group(6), m.group(7)) ? null
                : "an xs:dateTime such as \"2024-01-31T13:20:00Z\"";
    }

    static String duration(String text) {
        return DURATION.matcher(text).matches() ? null : "an xs:duration such as \"P1DT2H\" or \"PT1.5S\"";
    }

    static String decimal(String text) {
        return DECIMAL.matcher(text).matches() ? null : "an xs:decimal such as \"-12.50\" (digits, no exponent)";
    }

    /** xs:integer, and the sign its unbounded subtypes (nonNegativeInteger, ...) demand. */
    static String integer(String text, String xsdTypeName) {
        if (!INTEGER.matcher(text).matches()) {
            return "an xs:integer (digits only)";
        }
        int sign = new BigInteger(text).signum();
        String local = xsdTypeName.substring(xsdTypeName.indexOf('}') + 1);
        boolean ok = switch (local) {
            case "nonNegativeInteger" -> sign >= 0;
            case "positiveInteger" -> sign > 0;
            case "nonPositiveInteger" -> sign <= 0;
            case "negativeInteger" -> sign < 0;
            default -> true;
        };
        return ok ? null : "an xs:" + local;
    }

    /**
     * Text XML 1.0 can carry (its Char production): no control characters but tab, line feed and carriage
     * return, no U+FFFE or U+FFFF, no unpaired surrogate. The envelope writer refuses anything else, so it is a
     * client's mistake to name here rather than a failed call.
     */
    static String xmlText(String text) {
        int at = IllegalXmlCharacterException.firstIllegal(text);
        return at < 0 ? null : String.format("text XML can carry (U+%04X at position %d is not allowed in XML)",
                text.codePointAt(at), at + 1);
    }

    static String qname(String text) {
        return CLARK.matcher(text).matches() ? null : "a QName in Clark notation such as \"{urn:ns}local\"";
    }

    /** 24:00:00 is the end of the day in XSD 1.0; 60 seconds (a leap second) is not allowed. */
    private static boolean realTime(String hour, String minute, String second, String fraction) {
        int h = Integer.parseInt(hour);
        int m = Integer.parseInt(minute);
        int s = Integer.parseInt(second);
        if (h == 24) {
            return m == 0 && s == 0 && (fraction == null || fraction.matches("\\.0+"));
        }
        return h < 24 && m < 60 && s < 60;
    }

    private static boolean realDay(String year, String month, String day) {
        BigInteger y = new BigInteger(year);
        int m = Integer.parseInt(month);
        int d = Integer.parseInt(day);
        if (y.signum() == 0 && !year.startsWith("-")) {
            return false; // XSD 1.0 has no year 0000
        }
        if (m < 1 || m > 12 || d < 1) {
            return false;
        }
        int max = switch (m) {
            case 2 -> leap(y) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
        return d <= max;
    }

    private static boolean leap(BigInteger year) {
        int y400 = year.mod(BigInteger.valueOf(400)).intValue();
        return y400 % 4 == 0 && (y400 % 100 != 0 || y400 == 0);
    }
}
