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

/** The schema one wrapper (optional/default/…) or pipe inside; undefined at the core. */
function innerOf(node: SchemaNode): SchemaNode | undefined {
  const def = defOf(node);
  return WRAPPERS.has(def.type) ? def.innerType : def.type === 'pipe' ? def.in : undefined;
}

/** The schema inside optional/default/… wrappers and pipes. */
export function unwrap(schema: SchemaNode): SchemaNode {
  let node = schema;
  for (let inner = innerOf(node); inner; inner = innerOf(node)) node = inner;
  return node;
}

/** The fields of the object schema at a document path, or null when there is none. */
export function objectShapeAt(root: SchemaNode, path: readonly (string | number)[]): Record<string, SchemaNode> | null {
  let node: SchemaNode | undefined = core(root);
  for (const segment of path) {
    if (!node) return null;
    const def = defOf(node);
    if (def.type === 'object') node = def.shape?.[String(segment)];
    else if (def.type === 'array') node = def.element;
    else if (def.type === 'record') node = def.valueType;
    else return null;
    node = node && core(node);
  }
  return node && defOf(node).type === 'object' ? (defOf(node).shape ?? null) : null;
}

/** The collection a field holds: through wrappers, and through a union to its first
 *  collection option (`opt()` and `list()` are "the collection, or null"). */
function core(schema: SchemaNode): SchemaNode {
  const node = unwrap(schema);
  const def = defOf(node);
  if (def.type !== 'union') return node;
  for (const option of def.options ?? []) {
    const inner = unwrap(option);
    if (['object', 'array', 'record'].includes(defOf(inner).type)) return inner;
  }
  return node;
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
    // The mark may sit on any layer: on the field itself or inside optional/default/pipe.
    for (let layer: SchemaNode | undefined = schema; layer; layer = innerOf(layer)) {
      if (test(layer)) {
        out.push([...path]);
        return;
      }
    }
    const node = unwrap(schema);
    if (onPath.has(node)) return;
    onPath.add(node);
    const def = defOf(node);
    if (def.type === 'object') for (const [key, child] of Object.entries(def.shape ?? {})) visit(child, [...path, key]);
    else if (def.type === 'array' && def.element) visit(def.element, [...path, '*']);
    else if (def.type === 'union') for (const option of def.options ?? []) visit(option, path);
    onPath.delete(node);
  };
  visit(root as unknown as SchemaNode, []);
  // A union may reach one field through several options.
  return [...new Map(out.map((p) => [p.join('.'), p])).values()];
}
