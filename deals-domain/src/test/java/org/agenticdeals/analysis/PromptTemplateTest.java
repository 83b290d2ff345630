package org.agenticdeals.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.agenticdeals.ValidationException;
import org.junit.jupiter.api.Test;

class PromptTemplateTest {

    @Test
    void rendersEachPlaceholderWithItsValue() {
        PromptTemplate template = template("Is {{deal_title}} at {{ current_price }} good? {{deal_title}} again; {json: 1}");

        assertThat(template.variables()).containsExactly("deal_title", "current_price");
        assertThat(template.render(Map.of("deal_title", "Kettle", "current_price", "19.99")))
                .isEqualTo("Is Kettle at 19.99 good? Kettle again; {json: 1}");
    }

    @Test
    void valuesAreTextNeverTemplateSyntax() {
        PromptTemplate template = template("Title: {{deal_title}}. Price: {{current_price}}.");

        String prompt = template.render(Map.of("deal_title", "{{current_price}} and {{secret}} }}{{", "current_price", "5"));

        assertThat(prompt).isEqualTo("Title: {{current_price}} and {{secret}} }}{{. Price: 5.");
    }

    @Test
    void aMissingOrUnknownVariableIsRefusedNamingIt() {
        PromptTemplate template = template("{{deal_title}} at {{current_price}}");

        assertThatThrownBy(() -> template.render(Map.of("deal_title", "Kettle")))
                .isInstanceOfSatisfying(ValidationException.class, refusal -> assertThat(refusal.field()).isEqualTo("variables"))
                .hasMessageContaining("{{current_price}}");
        assertThatThrownBy(() -> template.render(Map.of("deal_title", "Kettle", "current_price", "1", "market", "Shop")))
                .isInstanceOf(ValidationException.class).hasMessageContaining("market");
    }

    @Test
    void strayBracesAreRefusedWithTheirPosition() {
        for (String text : new String[] {"Price {{ }}", "Price {{Price}}", "Price {{price", "Price }} here", "{{a-b}}"}) {
            assertThatThrownBy(() -> TemplateText.parse("template.text", text)).as(text)
                    .isInstanceOfSatisfying(ValidationException.class, refusal -> assertThat(refusal.field()).isEqualTo("template.text"));
        }
        assertThatThrownBy(() -> TemplateText.parse("template.text", "ok {{a}} then }}")).hasMessageContaining("character 14");
    }

    @Test
    void aTemplateWithoutPlaceholdersRendersAsItIs() {
        assertThat(template("Say hello.").render(Map.of())).isEqualTo("Say hello.");
        assertThat(template("").variables()).isEmpty();
        // Single braces are text: a placeholder may sit inside them.
        assertThat(template("{{{deal_title}}}").render(Map.of("deal_title", "x"))).isEqualTo("{x}");
    }

    private static PromptTemplate template(String text) {
        return new PromptTemplate(UUID.randomUUID(), "test", "1", "deal_analysis", text, null, true, Instant.EPOCH);
    }
}
