// The template set notifiers render with: hotconf's defaults, then the config's `templates:`
// files (a file may redefine any default), as Alertmanager loads default.tmpl and then the
// user's globs. Two ways to render a config field, as Alertmanager's:
//   text(field, data)  text/template (ExecuteTextString)
//   html(field, data)  html/template (ExecuteHTMLString): every value an action prints is
//                      HTML-escaped as html/template escapes text between tags (& < > " ' +
//                      and NUL). Attribute, URL, script and style contexts are not told apart:
//                      a value printed inside an attribute is escaped as text too.
import { BUILTINS } from '../../template/builtins';
import { DEFAULT_LIMITS, execute, type ExecTree } from '../../template/exec';
import { printValue } from '../../template/format';
import { isEmptyTree, type ListNode, type Node, type PipeNode } from '../../template/nodes';
import { parse } from '../../template/parser';
import { AM_FUNCS, alertmanagerTemplates, withSignature, type Data, type TemplateSet } from '../../template';
import { DEFAULT_TEMPLATES, DEFAULT_TEMPLATES_NAME } from './default-templates';

/** A template file of the config: its name (the base name Alertmanager reports) and text. */
export interface TemplateSource {
  path: string;
  text: string;
}

const HTML_ESCAPER = '_hotconf_html_escaper';
const HTML_REPLACEMENTS: Record<string, string> = { '\0': '\uFFFD', '"': '&#34;', '&': '&amp;', "'": '&#39;', '+': '&#43;', '<': '&lt;', '>': '&gt;' };

/** html/template's escaper for text between tags (htmlEscaper); nil prints as nothing. */
export function htmlTemplateEscape(s: string): string {
  return s.replace(/[\0"&'+<>]/g, (c) => HTML_REPLACEMENTS[c]!);
}

const escaper = withSignature((...args: unknown[]) => {
  const shown = args.filter((a) => a !== undefined && a !== null);
  return htmlTemplateEscape(shown.length === 1 && typeof shown[0] === 'string' ? shown[0] : shown.map((a) => printValue(a)).join(''));
}, [], 'any');

const HTML_FUNCS = new Map([...BUILTINS, ...AM_FUNCS, [HTML_ESCAPER, escaper]]);
const HTML_FUNC_NAMES = new Set(HTML_FUNCS.keys());

export class NotifyTemplates {
  private readonly textSet: TemplateSet;
  private htmlSet: Map<string, ExecTree> | undefined;
  private readonly sources: TemplateSource[];

  /** Throws TemplateSyntaxError for a file that does not parse (the validator reports those first). */
  constructor(files: readonly TemplateSource[] = []) {
    this.sources = [{ path: DEFAULT_TEMPLATES_NAME, text: DEFAULT_TEMPLATES }, ...files];
    this.textSet = alertmanagerTemplates();
    for (const s of this.sources) this.textSet.add(s.text, baseName(s.path));
  }

  has(name: string): boolean {
    return this.textSet.has(name);
  }

  /** Renders one config field as text. Throws TemplateSyntaxError / TemplateExecError. */
  text(field: string, data: Data): string {
    return this.textSet.executeText(field, data);
  }

  /** Renders one config field as HTML (see the head of this file). */
  html(field: string, data: Data): string {
    if (field === '') return '';
    const set = (this.htmlSet ??= this.buildHtmlSet());
    const tree = parse(field, '', HTML_FUNC_NAMES);
    const own = new Map<string, ExecTree>();
    for (const [name, list] of tree.templates) {
      if (isEmptyTree(list) && set.has(name)) continue;
      own.set(name, { name, list: escapeList(list), text: field, sourceName: '' });
    }
    const body: ExecTree = { name: '', list: escapeList(tree.root), text: field, sourceName: '' };
    return execute(body, data, { templates: (n) => own.get(n) ?? set.get(n), funcs: HTML_FUNCS, missingKey: 'zero', limits: DEFAULT_LIMITS });
  }

  private buildHtmlSet(): Map<string, ExecTree> {
    const set = new Map<string, ExecTree>();
    for (const s of this.sources) {
      const name = baseName(s.path);
      const tree = parse(s.text, name, HTML_FUNC_NAMES);
      for (const [defined, list] of tree.templates) {
        if (set.has(defined) && isEmptyTree(list)) continue;
        set.set(defined, { name: defined, list: escapeList(list), text: s.text, sourceName: name });
      }
    }
    return set;
  }
}

/** A copy of a tree whose every printing action ends in the HTML escaper (as html/template rewrites pipelines). */
function escapeList(list: ListNode): ListNode {
  return { ...list, nodes: list.nodes.map(escapeNode) };
}

function escapeNode(node: Node): Node {
  switch (node.type) {
    case 'action':
      return node.pipe.decl.length > 0 ? node : { ...node, pipe: escapePipe(node.pipe) };
    case 'if':
    case 'range':
    case 'with':
      return { ...node, list: escapeList(node.list), ...(node.elseList ? { elseList: escapeList(node.elseList) } : {}) };
    case 'list':
      return escapeList(node);
    default:
      return node;
  }
}

function escapePipe(pipe: PipeNode): PipeNode {
  const cmds = [...pipe.cmds];
  const last = cmds[cmds.length - 1];
  const lastIdent = last && last.args.length === 1 && last.args[0]!.type === 'identifier' ? last.args[0].name : undefined;
  // html/template treats a trailing `html` as its own escaper, not as a second escaping.
  if (lastIdent === 'html') cmds.pop();
  const pos = last?.pos ?? pipe.pos;
  cmds.push({ type: 'command', pos, args: [{ type: 'identifier', pos, name: HTML_ESCAPER }] });
  return { ...pipe, cmds };
}

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}
