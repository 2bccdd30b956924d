// A notifier field's Go template that does not parse (a `title: '{{ .Broken'`) is a located
// warning, not an error. Alertmanager 0.25 parses those templates only when it renders a
// notification, so `amtool check-config` accepts the file, and hotconf judges files as amtool
// does; the warning says where, before a notification fails to render. Template *files*
// (`templates:`) are parsed at load by both, and refused by both.
//
// The fields are the ones sections/fields.ts marks (tmpl(), tmplMap()); they are found by
// walking a validated receiver with its schema. Each receiver's problems are memoised by the
// receiver object: the incremental checker hands back unchanged receivers as the same
// objects, so a reload walks only the receivers it changed.
import type { z } from 'zod';
import type { ConfigIssue } from '../contract/config';
import { issueAt } from './errors';
import { createLocator } from './locate';
import { isTemplateField, templateProblem } from './sections/fields';
import { receiverSchema } from './sections/receivers';

type Path = (string | number)[];
interface Problem {
  path: Path;
  message: string;
}

const problemsByReceiver = new WeakMap<object, readonly Problem[]>();

/** The located warnings for every field template of `receivers` that does not parse. */
export function templateWarnings(receivers: readonly object[], text: string): ConfigIssue[] {
  const found: Problem[] = [];
  receivers.forEach((receiver, i) => {
    for (const p of problemsOf(receiver)) found.push({ path: ['receivers', i, ...p.path], message: p.message });
  });
  if (found.length === 0) return [];
  const locate = createLocator(text);
  const advice = 'Alertmanager accepts this file and fails only when it renders a notification with it: fix the template';
  return found.map((p) => issueAt(locate(p.path), p.path.join('.'), 'template', `${p.message}. ${advice}`));
}

function problemsOf(receiver: object): readonly Problem[] {
  let problems = problemsByReceiver.get(receiver);
  if (!problems) {
    const out: Problem[] = [];
    visit(receiverSchema, receiver, [], out);
    problemsByReceiver.set(receiver, (problems = out));
  }
  return problems;
}

/** zod's definition of a schema, as far as the walk reads it (zod 4's `_zod.def`). */
interface Def {
  type: string;
  innerType?: z.ZodType;
  in?: z.ZodType;
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  valueType?: z.ZodType;
}

/** Walks `value` (validated by `schema`) to the template fields, parsing each. */
function visit(schema: z.ZodType, value: unknown, path: Path, out: Problem[]): void {
  if (value === undefined || value === null) return;
  if (isTemplateField(schema)) {
    const problem = typeof value === 'string' ? templateProblem(value) : null;
    if (problem) out.push({ path, message: problem });
    return;
  }
  const def = (schema as unknown as { _zod: { def: Def } })._zod.def;
  switch (def.type) {
    case 'optional':
    case 'nullable':
    case 'default':
      return visit(def.innerType!, value, path, out);
    case 'pipe':
      return visit(def.in!, value, path, out);
    case 'object':
      if (typeof value !== 'object') return;
      for (const [key, field] of Object.entries(def.shape!)) visit(field, (value as Record<string, unknown>)[key], [...path, key], out);
      return;
    case 'array':
      if (Array.isArray(value)) value.forEach((item, i) => visit(def.element!, item, [...path, i], out));
      return;
    case 'record':
      if (typeof value !== 'object') return;
      for (const [key, item] of Object.entries(value)) visit(def.valueType!, item, [...path, key], out);
      return;
    default:
      return;
  }
}
