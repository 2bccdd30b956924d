// Checks an HTTP response against hotconf's OpenAPI documents (docs/openapi/*.yaml) with
// Ajv (JSON Schema 2020-12, what OpenAPI 3.1 schemas are). A served route the document does
// not have, a status or content type it does not list, or a JSON body that does not match
// (every object in the documents is closed: an undocumented field is an error) is a problem.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../../server/console/start';
import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020.js';
import { parse } from 'yaml';

export type SpecName = 'admin' | 'console';

interface Operation {
  responses: Record<string, { $ref?: string; content?: Record<string, { schema?: unknown }> }>;
}
interface Document {
  paths: Record<string, Record<string, Operation>>;
  components?: { responses?: Record<string, { content?: Record<string, { schema?: unknown }> }> };
}

export interface SeenResponse {
  method: string;
  url: string;
  status: number;
  contentType: string;
  /** The body as text; undefined for streams (only the content type is checked). */
  body?: string;
}

const SPEC_NAMES: readonly SpecName[] = ['admin', 'console'];
const specs = new Map<SpecName, { doc: Document; routes: { pattern: RegExp; template: string }[] }>();
let ajv: Ajv2020 | undefined;

function load(name: SpecName) {
  // Every document is added whole under its file name, so `#/components/...` refs and the
  // console's `admin.yaml#/components/...` refs resolve; formats are documentation here.
  if (!ajv) {
    ajv = new Ajv2020({ strict: false, validateSchema: false, validateFormats: false, allErrors: true });
    for (const n of SPEC_NAMES) ajv.addSchema(readDoc(n), `${n}.yaml`);
  }
  let spec = specs.get(name);
  if (!spec) {
    const doc = readDoc(name);
    const routes = Object.keys(doc.paths).map((template) => ({ template, pattern: new RegExp(`^${template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+')}$`) }));
    specs.set(name, (spec = { doc, routes }));
  }
  return { ...spec, ajv };
}

function readDoc(name: SpecName): Document {
  return parse(readFileSync(join(projectRoot(), `docs/openapi/${name}.yaml`), 'utf8')) as Document;
}

/** What is wrong with `seen` against the named document (empty: it conforms). */
export function problemsOf(name: SpecName, seen: SeenResponse): string[] {
  const { doc, ajv, routes } = load(name);
  const { pathname } = new URL(seen.url);
  const method = seen.method.toLowerCase();
  const where = `${seen.method} ${pathname} → ${seen.status}`;
  const route = routes.find((r) => r.pattern.test(pathname));
  const operation = route ? doc.paths[route.template]![method] : undefined;
  if (!route || !operation) {
    // Asking for what does not exist is fine; serving it undocumented is not.
    return seen.status === 404 || seen.status === 405 ? [] : [`${where}: undocumented route in docs/openapi/${name}.yaml`];
  }
  const pointer = `#/paths/${escape(route.template)}/${method}/responses/${seen.status}`;
  let response = operation.responses[String(seen.status)];
  let responsePointer = pointer;
  if (!response) return [`${where}: status ${seen.status} is not documented for ${seen.method} ${route.template}`];
  if (response.$ref) {
    responsePointer = response.$ref;
    response = doc.components!.responses![response.$ref.split('/').pop()!]!;
  }
  const mediaType = seen.contentType.split(';')[0]!.trim();
  // A response documented without a body (204) must have none.
  if (!response.content) return seen.body ? [`${where}: a body where the document says there is none`] : [];
  const content = response.content;
  if (!(mediaType in content)) return [`${where}: content type ${mediaType || '(none)'} is not documented (documented: ${Object.keys(content).join(', ') || 'no body'})`];
  if (seen.body === undefined || !/json/.test(mediaType) || content[mediaType]!.schema === undefined) return [];
  let value: unknown;
  try {
    value = JSON.parse(seen.body);
  } catch {
    return [`${where}: the body is not JSON`];
  }
  const validate = ajv.getSchema(`${name}.yaml${responsePointer}/content/${escape(mediaType)}/schema`) as ValidateFunction;
  if (validate(value)) return [];
  return (validate.errors ?? []).map((e) => {
    // An undocumented field says which: the document's objects are closed by
    // additionalProperties or, where they extend another, unevaluatedProperties.
    const field = (e.params as { additionalProperty?: string; unevaluatedProperty?: string }).additionalProperty ?? (e.params as { unevaluatedProperty?: string }).unevaluatedProperty;
    return field !== undefined ? `${where}: body${e.instancePath} has a field the document does not have: ${field}` : `${where}: body${e.instancePath} ${e.message}`;
  });
}

/** JSON Pointer escaping of one segment. */
function escape(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}
