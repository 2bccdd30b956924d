// Where the JSON Schema file lives (schema/hotconf.schema.json, written by `hotconf schema`
// from the one zod schema, never edited by hand) and the line by which config.yaml names it
// for editors. No imports: `hotconf up` uses these without loading the schema.
export const SCHEMA_FILE = 'schema/hotconf.schema.json';

/** The modeline editors read (yaml-language-server, VS Code's YAML extension). */
export const SCHEMA_MODELINE = /^# yaml-language-server: \$schema=(\S+)$/m;
