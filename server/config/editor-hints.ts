// What the JSON Schema tells an editor beyond zod's input types. Alertmanager's loader reads
// a missing field as "" and refuses it afterwards ("missing name in receiver"), so in zod
// such a field is optional and a refinement reports it, with Alertmanager's rule; an editor
// that only reads the JSON Schema (yaml-language-server, VS Code) learns here that the field
// is required, and underlines its absence as `hotconf validate` does.
import { z } from 'zod';

export const editorHints = z.registry<{ required: readonly string[] }>();

/** Marks fields of an object schema as required in the generated JSON Schema only. */
export function requiredInEditor<S extends z.ZodType>(schema: S, fields: readonly string[]): S {
  editorHints.add(schema, { required: fields });
  return schema;
}
