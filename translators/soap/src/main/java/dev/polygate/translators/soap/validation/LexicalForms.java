package dev.polygate.translators.soap.validation;

import dev.polygate.translators.soap.xml.IllegalXmlCharacterException;
import java.math.BigInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The lexical forms of the XSD types carried as strings (decimal, integer, dates and times, durations, the
 * g* calendar types, QNames) and the text XML can carry. A SOAP backend answers a malformed date or number with a
 * fault that rarely says which element was wrong; refusing it at the gateway names the field. Each check returns
 * null when the text is valid, else what was expected. The patterns are public so the OpenAPI documents show
 * exactly what is checked.
 */
public final class LexicalForms {

    private static final String TZ = "(Z|[+-]((0\\d|1[0-3]):[0-5]\\d|14:00))?";
    private static final String YEAR = "(-?(?:[1-9]\\d{4,}|\\d{4}))";
    public static final Pattern DATE = Pattern.compile(YEAR + "-(\\d\\d)-(\\d\\d)" + TZ);
    public static final Pattern TIME = Pattern.compile("(\\d\\d):(\\d\\d):(\\d\\d)(\\.\\d+)?" + TZ);
    public static final Pattern DATE_TIME = Pattern.compile(YEAR + "-(\\d\\d)-(\\d\\d)"
            + "T(\\d\\d):(\\d\\d):(\\d\\d)(\\.\\d+)?" + TZ);
    public static final Pattern DURATION = Pattern.compile(
            "-?P(?=\\d|T\\d)(\\d+Y)?(\\d+M)?(\\d+D)?(T(?=\\d)(\\d+H)?(\\d+M)?(\\d+(\\.\\d+)?S)?)?");
    public static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)");
    public static final Pattern INTEGER = Pattern.compile("[+-]?\\d+");
    public static final Pattern CLARK = Pattern.compile("(\\{[^{}]*})?[^{}:\\s]+");
    public static final Pattern G_YEAR = Pattern.compile(YEAR + TZ);
    public static final Pattern G_YEAR_MONTH = Pattern.compile(YEAR + "-(\\d\\d)" + TZ);
    public static final Pattern G_MONTH = Pattern.compile("--(\\d\\d)" + TZ);
    public static final Pattern G_MONTH_DAY = Pattern.compile("--(\\d\\d)-(\\d\\d)" + TZ);
    public static final Pattern G_DAY = Pattern.compile("---(\\d\\d)" + TZ);

    private LexicalForms() {
    }

    public static String date(String text) {
        Matcher m = DATE.matcher(text);
        return m.matches() && realDay(m.group(1), m.group(2), m.group(3)) ? null
                : "an xs:date such as \"2024-01-31\"";
    }

    public static String time(String text) {
        Matcher m = TIME.matcher(text);
        return m.matches() && realTime(m.group(1), m.group(2), m.group(3), m.group(4)) ? null
                : "an xs:time such as \"13:20:00\"";
    }

    public static String dateTime(String text) {
        Matcher m = DATE_TIME.matcher(text);
        return m.matches() && realDay(m.group(1), m.group(2), m.group(3))
                && realTime(m.group(4), m.group(5), m.group(6), m.group(7)) ? null
                : "an xs:dateTime such as \"2024-01-31T13:20:00Z\"";
    }

    public static String duration(String text) {
        return DURATION.matcher(text).matches() ? null : "an xs:duration such as \"P1DT2H\" or \"PT1.5S\"";
    }

    public static String decimal(String text) {
        return DECIMAL.matcher(text).matches() ? null : "an xs:decimal such as \"-12.50\" (digits, no exponent)";
    }

    /** xs:integer, and the sign its unbounded subtypes (nonNegativeInteger, ...) demand. */
    public static String integer(String text, String xsdTypeName) {
        if (!INTEGER.matcher(text).matches()) {
            return "an xs:integer (digits only)";
        }
        int sign = new BigInteger(text).signum();
        String local = localName(xsdTypeName);
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
    public static String xmlText(String text) {
        int at = IllegalXmlCharacterException.firstIllegal(text);
        return at < 0 ? null : String.format("text XML can carry (U+%04X at position %d is not allowed in XML)",
                text.codePointAt(at), at + 1);
    }

    /** A QName in Clark notation; its namespace, too, must be text XML can carry. */
    public static String qname(String text) {
        return CLARK.matcher(text).matches() && IllegalXmlCharacterException.firstIllegal(text) < 0 ? null
                : "a QName in Clark notation such as \"{urn:ns}local\"";
    }

    /** The pattern of gYear, gYearMonth, gMonth, gMonthDay or gDay, by the type's name; null for any other. */
    public static Pattern gCalendarPattern(String xsdTypeName) {
        return switch (localName(xsdTypeName)) {
            case "gYear" -> G_YEAR;
            case "gYearMonth" -> G_YEAR_MONTH;
            case "gMonth" -> G_MONTH;
            case "gMonthDay" -> G_MONTH_DAY;
            case "gDay" -> G_DAY;
            default -> null;
        };
    }

    /** gYear ("2024"), gYearMonth ("2024-01"), gMonth ("--01"), gMonthDay ("--01-31") and gDay ("---31"). */
    public static String gCalendar(String text, String xsdTypeName) {
        Pattern pattern = gCalendarPattern(xsdTypeName);
        if (pattern == null) {
            return xmlText(text); // a derived type named otherwise: kept as text
        }
        String local = localName(xsdTypeName);
        Matcher m = pattern.matcher(text);
        boolean ok = m.matches() && switch (local) {
            case "gYear" -> realYear(m.group(1));
            case "gYearMonth" -> realYear(m.group(1)) && month(m.group(2)) > 0;
            case "gMonth" -> month(m.group(1)) > 0;
            case "gMonthDay" -> month(m.group(1)) > 0 && day(m.group(2)) > 0
                    && day(m.group(2)) <= daysIn(month(m.group(1)), true);
            default -> day(m.group(1)) > 0 && day(m.group(1)) <= 31;
        };
        return ok ? null : "an xs:" + local + " such as \"" + switch (local) {
            case "gYear" -> "2024";
            case "gYearMonth" -> "2024-01";
            case "gMonth" -> "--01";
            case "gMonthDay" -> "--01-31";
            default -> "---31";
        } + "\"";
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
        int m = month(month);
        int d = day(day);
        return realYear(year) && m > 0 && d > 0 && d <= daysIn(m, leap(new BigInteger(year)));
    }

    /** XSD 1.0 has no year 0000. */
    private static boolean realYear(String year) {
        return new BigInteger(year).signum() != 0 || year.startsWith("-");
    }

    /** The month 1 to 12, or 0 when the digits name none. */
    private static int month(String digits) {
        int m = Integer.parseInt(digits);
        return m >= 1 && m <= 12 ? m : 0;
    }

    private static int day(String digits) {
        return Integer.parseInt(digits);
    }

    private static int daysIn(int month, boolean leap) {
        return switch (month) {
            case 2 -> leap ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }

    /** The local name of a type named in Clark notation ({@code {ns}local}). */
    static String localName(String clark) {
        return clark.substring(clark.indexOf('}') + 1);
    }

    private static boolean leap(BigInteger year) {
        int y400 = year.mod(BigInteger.valueOf(400)).intValue();
        return y400 % 4 == 0 && (y400 % 100 != 0 || y400 == 0);
    }
}
