package dev.polygate.translators.soap.schema;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IdentifiersTest {
    @Test
    void fieldNamesAreSnakeCaseIdentifiers() {
        assertThat(Identifiers.fieldName("intA")).isEqualTo("int_a");
        assertThat(Identifiers.fieldName("AddResult")).isEqualTo("add_result");
        assertThat(Identifiers.fieldName("HTTPPort")).isEqualTo("http_port");
        assertThat(Identifiers.fieldName("first-name")).isEqualTo("first_name");
        assertThat(Identifiers.fieldName("a.b__c")).isEqualTo("a_b_c");
        assertThat(Identifiers.fieldName("1st")).isEqualTo("_1st");
        assertThat(Identifiers.fieldName("message")).isEqualTo("message_");
        assertThat(Identifiers.fieldName("prénom")).isEqualTo("pr_nom");
    }

    @Test
    void messageNamesStartUpperCase() {
        assertThat(Identifiers.messageName("addRequest")).isEqualTo("AddRequest");
        assertThat(Identifiers.messageName("1st")).isEqualTo("X1st");
        assertThat(Identifiers.messageName("_x")).isEqualTo("X_x");
        assertThat(Identifiers.messageName("a-b")).isEqualTo("A_b");
    }

    @Test
    void enumValuesCarryTheEnumPrefix() {
        assertThat(Identifiers.enumValueName("SIZE", "1st")).isEqualTo("SIZE_1ST");
        assertThat(Identifiers.enumValueName("SIZE", "a-b")).isEqualTo("SIZE_A_B");
        assertThat(Identifiers.enumValueName("SIZE", "")).isEqualTo("SIZE_EMPTY");
        assertThat(Identifiers.upperSnake("OrderStatus")).isEqualTo("ORDER_STATUS");
    }

    @Test
    void scopesRefuseNamesProtocWouldConfuse() {
        NameScope scope = new NameScope();
        assertThat(scope.claimField("int_a", null)).isEqualTo("int_a");
        assertThat(scope.claimField("inta", null)).isEqualTo("inta_2");
        assertThat(scope.claimJson("intA", null)).isEqualTo("intA");
        assertThat(scope.claimJson("IntA", "@IntA")).isEqualTo("@IntA");
        assertThat(Identifiers.mapEntryName("any_attributes")).isEqualTo("AnyAttributesEntry");
    }
}
