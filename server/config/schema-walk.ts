// Reading the zod schema as data: which fields an object allows (for "did you mean …?") and
// where the secret fields are (for resolving and redacting). Both come from the one schema,
// so a field added there is known everywhere at once.
import type { z } from 'zod';

export interface SchemaNode {
  description?: string;
  _zod: { def: { type: string } };
}

/** The fields of zod 4's definitions this walk reads (object, array, record, wrappers). */
interface SchemaDef {
  type: string;
  shape?: Record<string, SchemaNode>;
  element?: SchemaNode;
  valueType?: SchemaNode;
  innerType?: SchemaNode;
  in?: SchemaNode;
  options?: SchemaNode[];
}

const defOf = (node: SchemaNode): SchemaDef => node._zod.def as SchemaDef;

const WRAPPERS = new Set(['optional', 'default', 'prefault', 'nullable', 'readonly', 'catch', 'nonoptional']);

/** The schema inside optional/default/… wrappers and pipes. */
export function unwrap(schema: SchemaNode): SchemaNode {
  let node = schema;
  for (;;) {
    const def = defOf(node);
    const inner = WRAPPERS.has(def.type) ? def.innerType : def.type === 'pipe' ? def.in : undefined;
    if (!inner) return node;
    node = inner;
  }
}

/** The fields of the object schema at a document path, or null when there is none. */
export function objectShapeAt(root: SchemaNode, path: readonly (string | number)[]): Record<string, SchemaNode> | null {
  let node: SchemaNode | undefined = unwrap(root);
  for (const segment of path) {
    if (!node) return null;
    const def = defOf(node);
    if (def.type === 'object') node = def.shape?.[String(segment)];
    else if (def.type === 'array') node = def.element;
    else if (def.type === 'record') node = def.valueType;
    else return null;
    node = node && unwrap(node);
  }
  return node && defOf(node).type === 'object' ? (defOf(node).shape ?? null) : null;
}

/**
 * Path patterns of every field whose (unwrapped) schema satisfies `test`: object keys by
 * name, list items as '*'. A schema already on the way down (the recursive route tree) is
 * not entered again: recursion would find the same fields at ever deeper paths.
 */
export function fieldPaths(root: z.ZodType, test: (node: SchemaNode) => boolean): string[][] {
  const out: string[][] = [];
  const onPath = new Set<SchemaNode>();
  const visit = (schema: SchemaNode, path: string[]): void => {
    if (test(schema)) {
      out.push([...path]);
      return;
    }
    const node = unwrap(schema);
    if (test(node)) {
      out.push([...path]);
      return;
    }
    if (onPath.has(node)) return;
    onPath.add(node);
    const def = defOf(node);
    if (def.type === 'object') for (const [key, child] of Object.entries(def.shape ?? {})) visit(child, [...path, key]);
    else if (def.type === 'array' && def.element) visit(def.element, [...path, '*']);
    else if (def.type === 'union') for (const option of def.options ?? []) visit(option, path);
    onPath.delete(node);
  };
  visit(root as unknown as SchemaNode, []);
  return out;
}
