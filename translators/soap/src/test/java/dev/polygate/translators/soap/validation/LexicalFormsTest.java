package dev.polygate.translators.soap.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The lexical forms the JSON reader and the message validator share; most are covered through both of them. */
class LexicalFormsTest {
    private static final String XS = "{http://www.w3.org/2001/XMLSchema}";

    @Test
    void theGregorianCalendarTypesHaveTheirForms() {
        for (String good : List.of("2024", "-0044", "12024", "2024Z", "2024+14:00")) {
            assertThat(LexicalForms.gCalendar(good, XS + "gYear")).as(good).isNull();
        }
        for (String bad : List.of("24", "0000", "2024-01", "02024", "2024+15:00", "")) {
            assertThat(LexicalForms.gCalendar(bad, XS + "gYear")).as(bad)
                    .isEqualTo("an xs:gYear such as \"2024\"");
        }
        assertThat(LexicalForms.gCalendar("2024-12", XS + "gYearMonth")).isNull();
        assertThat(LexicalForms.gCalendar("2024-00", XS + "gYearMonth")).isNotNull();
        assertThat(LexicalForms.gCalendar("--12", XS + "gMonth")).isNull();
        assertThat(LexicalForms.gCalendar("--13", XS + "gMonth")).isNotNull();
        assertThat(LexicalForms.gCalendar("--02-29", XS + "gMonthDay")).isNull();
        assertThat(LexicalForms.gCalendar("--04-31", XS + "gMonthDay")).isNotNull();
        assertThat(LexicalForms.gCalendar("---31Z", XS + "gDay")).isNull();
        assertThat(LexicalForms.gCalendar("---00", XS + "gDay")).isNotNull();
    }

    @Test
    void aQNameNamespaceMustBeTextXmlCanCarry() {
        assertThat(LexicalForms.qname("{urn:x}a")).isNull();
        assertThat(LexicalForms.qname("a")).isNull();
        assertThat(LexicalForms.qname("{urn:\u0001}a")).isNotNull();
    }
}
