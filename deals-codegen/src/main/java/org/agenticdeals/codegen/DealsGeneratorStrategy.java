package org.agenticdeals.codegen;

import java.util.Locale;
import org.jooq.codegen.DefaultGeneratorStrategy;
import org.jooq.meta.Definition;
import org.jooq.meta.EnumDefinition;
import org.jooq.meta.SchemaDefinition;

/**
 * Java names for the generated classes: enum constants in upper case ({@code DealStatus.ACTIVE} for the
 * database's {@code 'active'}), and the schema class named {@code DealsDatabaseSchema} (constant
 * {@code DEALS_SCHEMA}) so neither clashes with the {@code deals} table ({@code Tables.DEALS}) or the domain's
 * {@code Deals} entry point.
 */
public final class DealsGeneratorStrategy extends DefaultGeneratorStrategy {

    @Override
    public String getJavaEnumLiteral(EnumDefinition definition, String literal) {
        return super.getJavaEnumLiteral(definition, literal).toUpperCase(Locale.ROOT);
    }

    @Override
    public String getJavaIdentifier(Definition definition) {
        // The schema's constant would be DEALS, like the deals table's; the table keeps the plain name.
        return definition instanceof SchemaDefinition ? "DEALS_SCHEMA" : super.getJavaIdentifier(definition);
    }

    @Override
    public String getJavaClassName(Definition definition, Mode mode) {
        if (definition instanceof SchemaDefinition && mode == Mode.DEFAULT) {
            return "DealsDatabaseSchema";
        }
        return super.getJavaClassName(definition, mode);
    }
}
