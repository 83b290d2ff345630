package org.agenticdeals.schema;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The catalogue the spec ({@code docs/spec/database-schema.md}) describes, read from the SQL blocks of the
 * spec itself rather than transcribed, so the catalogue test checks the database against the spec's words.
 */
final class SpecCatalogue {

    record Column(String table, String name, String type, boolean notNull, String defaultValue, boolean unique,
                  String references, boolean cascade) {
    }

    record Index(String name, String table, boolean unique, List<String> columns) {
    }

    record Constraint(String name, String table, String kind, List<String> columns) {
    }

    record Table(String name, List<Column> columns, List<String> primaryKey, List<Constraint> constraints) {
    }

    final Map<String, Table> tables = new LinkedHashMap<>();
    final List<Index> indexes = new ArrayList<>();
    final Map<String, List<String>> enums = new LinkedHashMap<>();

    private static final Pattern SQL_BLOCK = Pattern.compile("```sql\\n(.*?)```", Pattern.DOTALL);
    private static final Pattern CREATE_TABLE = Pattern.compile("CREATE TABLE (\\w+) \\((.*?)\\n\\);", Pattern.DOTALL);
    private static final Pattern CREATE_INDEX = Pattern.compile("CREATE (UNIQUE )?INDEX (\\w+) ON (\\w+)\\(([^)]*)\\);");
    private static final Pattern CREATE_ENUM = Pattern.compile("CREATE TYPE (\\w+) AS ENUM \\((.*?)\\);", Pattern.DOTALL);
    private static final Pattern TYPE = Pattern.compile(
            "(UUID|VARCHAR\\(\\d+\\)|TEXT|BOOLEAN|INTEGER|NUMERIC\\(\\d+, \\d+\\)|TIMESTAMP WITH TIME ZONE|JSONB|TIME)(\\s.*)?");
    private static final Pattern REFERENCES = Pattern.compile("REFERENCES (\\w+)\\((\\w+)\\)( ON DELETE CASCADE)?");
    private static final Pattern DEFAULT = Pattern.compile("DEFAULT ('[^']*'|[\\w.]+\\(\\)|[\\w.]+)");
    private static final Pattern NAMED_CONSTRAINT = Pattern.compile("CONSTRAINT (\\w+) (CHECK|UNIQUE) ?\\((.*)\\)");

    static SpecCatalogue read(Path spec) throws IOException {
        var catalogue = new SpecCatalogue();
        Matcher blocks = SQL_BLOCK.matcher(Files.readString(spec));
        while (blocks.find()) {
            String sql = blocks.group(1);
            Matcher table = CREATE_TABLE.matcher(sql);
            while (table.find()) {
                catalogue.addTable(table.group(1), table.group(2));
            }
            Matcher index = CREATE_INDEX.matcher(sql);
            while (index.find()) {
                catalogue.indexes.add(new Index(index.group(2), index.group(3), index.group(1) != null, split(index.group(4))));
            }
            Matcher enumType = CREATE_ENUM.matcher(sql);
            while (enumType.find()) {
                catalogue.enums.put(enumType.group(1),
                        split(enumType.group(2)).stream().map(label -> label.replace("'", "")).toList());
            }
        }
        return catalogue;
    }

    private void addTable(String name, String body) {
        var columns = new ArrayList<Column>();
        var constraints = new ArrayList<Constraint>();
        List<String> primaryKey = new ArrayList<>();
        for (String rawLine : body.split("\\n")) {
            String line = rawLine.strip().replaceAll(",$", "");
            if (line.isEmpty()) {
                continue;
            }
            Matcher named = NAMED_CONSTRAINT.matcher(line);
            if (named.matches()) {
                constraints.add(new Constraint(named.group(1), name, named.group(2), named.group(2).equals("UNIQUE") ? split(named.group(3)) : List.of()));
                continue;
            }
            if (line.startsWith("PRIMARY KEY")) {
                primaryKey = split(line.substring(line.indexOf('(') + 1, line.lastIndexOf(')')));
                continue;
            }
            String columnName = line.substring(0, line.indexOf(' '));
            Matcher type = TYPE.matcher(line.substring(columnName.length() + 1));
            if (!type.matches()) {
                throw new IllegalStateException("spec column not understood: " + line);
            }
            String rest = type.group(2) == null ? "" : type.group(2);
            Matcher reference = REFERENCES.matcher(rest);
            Matcher defaultValue = DEFAULT.matcher(rest);
            boolean primary = rest.contains("PRIMARY KEY");
            if (primary) {
                primaryKey = List.of(columnName);
            }
            boolean hasReference = reference.find();
            columns.add(new Column(name, columnName, pgType(type.group(1)), primary || rest.contains("NOT NULL"),
                    defaultValue.find() ? defaultValue.group(1) : null, rest.contains("UNIQUE"),
                    hasReference ? reference.group(1) : null, hasReference && reference.group(3) != null));
        }
        tables.put(name, new Table(name, columns, primaryKey, constraints));
    }

    /** The spec's type as {@code format_type()} prints it. */
    private static String pgType(String specType) {
        String type = specType.toLowerCase(Locale.ROOT);
        if (type.startsWith("varchar")) {
            return type.replace("varchar", "character varying");
        }
        if (type.startsWith("numeric")) {
            return type.replace(", ", ",");
        }
        return switch (type) {
            case "time" -> "time without time zone";
            default -> type;
        };
    }

    private static List<String> split(String list) {
        return List.of(list.strip().split("\\s*,\\s*"));
    }
}
