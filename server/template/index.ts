// Go text/template, as Alertmanager 0.25 uses it, in plain TypeScript (no
// Node-only APIs: it also runs in the editor's Web Worker).
//
//   parseTemplate(text, name?, funcs?) → TemplateTree
//       Parses and validates every {{ … }}; throws TemplateSyntaxError
//       (message as Go words it, plus name, line, column, located). Function
//       names are checked at parse time, as in Go: by default the builtins and
//       Alertmanager's functions.
//
//   new TemplateSet(options?)
//       .add(text, name)            parses text; registers its body under `name`
//                                   and each {{define}}/{{block}} under its own
//                                   name (a later non-empty definition replaces
//                                   an earlier one, an empty one never does)
//       .has(name)
//       .execute(name, data, opts?) → string
//       .executeText(text, data)    → string: a one-off field such as a Slack
//                                   title, which may call the set's templates
//       Execution errors throw TemplateExecError (message as Go words it, plus
//       the template's name, line, column, the failing node as `context`).
//       Options: funcs (name → function; see values.ts for how data and
//       functions look to templates), missingKey ('default' | 'zero' | 'error',
//       Go's missingkey option), limits (steps, output size, template depth).
//
//   alertmanagerTemplates() → a TemplateSet configured as Alertmanager's:
//       its functions and missingkey=zero. templateData(webhookJson) builds
//       the data (template.Data with KV, Alerts and their methods).

import { AM_FUNCS } from './am-funcs';
import { BUILTINS } from './builtins';
import { TemplateExecError } from './errors';
import { DEFAULT_LIMITS, execute, type ExecLimits, type ExecTree, type MissingKey } from './exec';
import { isEmptyTree } from './nodes';
import { quote } from './strconv';
import { parse, type TemplateTree } from './parser';
import type { AnyFunction } from './values';

export { TemplateSyntaxError, TemplateExecError } from './errors';
export type { TemplateTree } from './parser';
export type { ExecLimits, MissingKey } from './exec';
export { GoFloat, GoFunc, GO_TYPE, ZERO_VALUE, typedSlice } from './values';
export { withSignature, type ParamType } from './builtins';
export { Alert, Alerts, Data, KV, Pair, Pairs, templateData, type WebhookAlert, type WebhookData } from './am-data';
export { AM_FUNCS } from './am-funcs';

const DEFAULT_FUNCS: ReadonlyMap<string, AnyFunction> = new Map([...BUILTINS, ...AM_FUNCS]);

export function parseTemplate(text: string, name = '', funcs: Iterable<string> = DEFAULT_FUNCS.keys()): TemplateTree {
  return parse(text, name, new Set(funcs));
}

export interface TemplateSetOptions {
  /** Functions besides the builtins (which they may override, except and/or). Default: none. */
  funcs?: ReadonlyMap<string, AnyFunction> | Record<string, AnyFunction>;
  missingKey?: MissingKey;
  limits?: Partial<ExecLimits>;
}

export class TemplateSet {
  private readonly templates = new Map<string, ExecTree>();
  private readonly funcs: ReadonlyMap<string, AnyFunction>;
  private readonly funcNames: ReadonlySet<string>;
  private readonly missingKey: MissingKey;
  private readonly limits: ExecLimits;

  constructor(options: TemplateSetOptions = {}) {
    const extra = options.funcs instanceof Map ? options.funcs : new Map(Object.entries(options.funcs ?? {}));
    this.funcs = new Map([...BUILTINS, ...extra]);
    this.funcNames = new Set(this.funcs.keys());
    this.missingKey = options.missingKey ?? 'default';
    this.limits = { ...DEFAULT_LIMITS, ...options.limits };
  }

  /** Parses `text` and registers the templates it defines. Throws TemplateSyntaxError. */
  add(text: string, name: string): TemplateTree {
    const tree = parse(text, name, this.funcNames);
    for (const [defined, list] of tree.templates) {
      // As Go's AddParseTree: an empty body never replaces a template that exists.
      if (this.templates.has(defined) && isEmptyTree(list)) continue;
      this.templates.set(defined, { name: defined, list, text, sourceName: name });
    }
    return tree;
  }

  has(name: string): boolean {
    return this.templates.has(name);
  }

  /** Renders the template `name` over `data`. Throws TemplateExecError. */
  execute(name: string, data: unknown, options: { limits?: Partial<ExecLimits> } = {}): string {
    const tree = this.templates.get(name);
    if (!tree) {
      throw new TemplateExecError(`no template ${quote(name)} associated with this set`, name, name, 0, '', '');
    }
    return execute(tree, data, {
      templates: (n) => this.templates.get(n),
      funcs: this.funcs,
      missingKey: this.missingKey,
      limits: { ...this.limits, ...options.limits },
    });
  }

  /**
   * Renders a one-off text (a notifier field) that may call this set's
   * templates, as Alertmanager's ExecuteTextString: its {{define}}s are
   * visible only to itself. Throws TemplateSyntaxError or TemplateExecError.
   */
  executeText(text: string, data: unknown, options: { name?: string; limits?: Partial<ExecLimits> } = {}): string {
    if (text === '') return '';
    const name = options.name ?? '';
    const tree = parse(text, name, this.funcNames);
    const own = new Map<string, ExecTree>();
    for (const [defined, list] of tree.templates) {
      if (isEmptyTree(list) && this.templates.has(defined)) continue;
      own.set(defined, { name: defined, list, text, sourceName: name });
    }
    const body = { name, list: tree.root, text, sourceName: name };
    return execute(body, data, {
      templates: (n) => own.get(n) ?? this.templates.get(n),
      funcs: this.funcs,
      missingKey: this.missingKey,
      limits: { ...this.limits, ...options.limits },
    });
  }
}

/** A template set configured as Alertmanager 0.25's: its functions, missingkey=zero. */
export function alertmanagerTemplates(limits?: Partial<ExecLimits>): TemplateSet {
  return new TemplateSet({ funcs: AM_FUNCS, missingKey: 'zero', limits });
}
