// Parses a Go text/template source into trees: the top-level body plus every
// {{define}} and {{block}} it holds. The grammar, the checks done at parse time
// (known functions, declared variables, break/continue inside range) and the
// error messages follow Go 1.19's text/template/parse.

import { TemplateSyntaxError, locate } from './errors';
import { lex, isKeyword, type Token, type TokenType } from './lexer';
import {
  nodeString, isEmptyTree,
  type ArgNode, type BranchNode, type CommandNode, type ListNode, type Node, type NumberNode, type PipeNode, type TemplateNode,
} from './nodes';
import { parseFloat64, parseInteger, quote, SyntaxError_, unquote, unquoteChar } from './strconv';

/** One parsed source text. */
export interface TemplateTree {
  /** The name the text was parsed under; its top-level body is the template of that name. */
  name: string;
  text: string;
  root: ListNode;
  /**
   * Every template the text defines, by name: each {{define}} and {{block}},
   * and the top-level body under `name` (unless it is empty and a define of
   * that name exists).
   */
  templates: Map<string, ListNode>;
}

// Go bounds parenthesised nesting; we bound block nesting too, because a
// JavaScript stack is shallower than a goroutine's.
const MAX_DEPTH = 1000;

type EndToken = { type: 'end' | 'else'; pos: number };
const isEnd = (n: Node | EndToken): n is EndToken => n.type === 'end' || n.type === 'else';

export function parse(text: string, name: string, funcs: ReadonlySet<string>): TemplateTree {
  return new Parser(text, name, funcs).parse();
}

class Parser {
  private readonly tokens: Token[];
  private i = 0;
  private vars: string[] = ['$'];
  private rangeDepth = 0;
  private depth = 0;
  /** Where the innermost unclosed block began, to point "unexpected EOF" at it. */
  private readonly openBlocks: number[] = [];
  private actionStart = -1;
  private readonly defines = new Map<string, ListNode>();

  constructor(
    private readonly text: string,
    private readonly name: string,
    private readonly funcs: ReadonlySet<string>,
  ) {
    this.tokens = lex(text);
  }

  parse(): TemplateTree {
    const root: ListNode = { type: 'list', pos: this.peek().pos, nodes: [] };
    while (this.peek().type !== 'eof') {
      if (this.peek().type === 'leftDelim') {
        const mark = this.i;
        const delim = this.next();
        if (this.nextNonSpace().type === 'define') {
          this.parseDefinition(delim.pos);
          continue;
        }
        this.i = mark;
      }
      const n = this.textOrAction();
      if (isEnd(n)) this.fail(`unexpected ${nodeString(n)}`, n.pos);
      root.nodes.push(n);
    }
    this.addTree(this.name, root, 0);
    return { name: this.name, text: this.text, root, templates: this.defines };
  }

  // ---- tokens

  private next(): Token {
    const t = this.tokens[this.i] ?? this.tokens[this.tokens.length - 1]!;
    if (this.i < this.tokens.length) this.i++;
    return t;
  }
  private peek(): Token {
    return this.tokens[this.i] ?? this.tokens[this.tokens.length - 1]!;
  }
  private backup(): void {
    this.i--;
  }
  private nextNonSpace(): Token {
    let t = this.next();
    while (t.type === 'space') t = this.next();
    return t;
  }
  private peekNonSpace(): Token {
    const t = this.nextNonSpace();
    this.backup();
    return t;
  }

  // ---- errors

  private fail(message: string, pos: number): never {
    throw new TemplateSyntaxError(message, this.name, pos, this.text);
  }

  private unexpected(token: Token, context: string): never {
    if (token.type === 'error') {
      // A lexical error reads on its own, with where its action began if that was on an earlier line.
      let extra = '';
      if (this.actionStart >= 0) {
        const started = locate(this.text, this.actionStart).line;
        if (started !== locate(this.text, token.pos).line) {
          extra = (token.val.endsWith(' action') ? ' started at ' : ' in action started at ') + `${this.name}:${started}`;
        }
      }
      this.fail(token.val + extra, token.pos);
    }
    this.fail(`unexpected ${tokenString(token)} in ${context}`, token.pos);
  }

  private expect(type: TokenType, context: string): Token {
    const t = this.nextNonSpace();
    if (t.type !== type) this.unexpected(t, context);
    return t;
  }

  private nest<T>(pos: number, message: string, body: () => T): T {
    if (this.depth >= MAX_DEPTH) this.fail(message, pos);
    this.depth++;
    try {
      return body();
    } finally {
      this.depth--;
    }
  }

  // ---- templates

  /** Registers a tree; two non-empty bodies of one name in one text are an error, as in Go. */
  private addTree(name: string, list: ListNode, pos: number): void {
    const existing = this.defines.get(name);
    if (existing === undefined || isEmptyTree(existing)) {
      this.defines.set(name, list);
    } else if (!isEmptyTree(list)) {
      this.fail(`template: multiple definition of template ${quote(name)}`, pos);
    }
  }

  /** {{define "name"}} … {{end}}; "define" has been read. Its body is a fresh scope. */
  private parseDefinition(start: number): void {
    const context = 'define clause';
    const nameToken = this.nextNonSpace();
    if (nameToken.type !== 'string' && nameToken.type !== 'rawString') this.unexpected(nameToken, context);
    const name = this.unquote(nameToken);
    this.expect('rightDelim', context);
    const [list, end] = this.inFreshScope(start, () => this.itemList());
    if (end.type !== 'end') this.fail(`unexpected ${nodeString(end)} in ${context}`, end.pos);
    this.addTree(name, list, nameToken.pos);
  }

  private inFreshScope<T>(start: number, body: () => T): T {
    const [vars, rangeDepth] = [this.vars, this.rangeDepth];
    this.vars = ['$'];
    this.rangeDepth = 0;
    this.openBlocks.push(start);
    try {
      return body();
    } finally {
      this.openBlocks.pop();
      [this.vars, this.rangeDepth] = [vars, rangeDepth];
    }
  }

  /** Nodes up to an {{end}} or {{else}}, which is returned beside them. */
  private itemList(): [ListNode, EndToken] {
    const list: ListNode = { type: 'list', pos: this.peekNonSpace().pos, nodes: [] };
    while (this.peekNonSpace().type !== 'eof') {
      const n = this.textOrAction();
      if (isEnd(n)) return [list, n];
      list.nodes.push(n);
    }
    this.fail('unexpected EOF', this.openBlocks.at(-1) ?? this.text.length);
  }

  private textOrAction(): Node | EndToken {
    const token = this.nextNonSpace();
    if (token.type === 'text') return { type: 'text', pos: token.pos, text: token.val };
    if (token.type !== 'leftDelim') this.unexpected(token, 'input');
    const outer = this.actionStart;
    this.actionStart = token.pos;
    try {
      return this.action(token.pos);
    } finally {
      this.actionStart = outer;
    }
  }

  private action(start: number): Node | EndToken {
    const token = this.nextNonSpace();
    switch (token.type) {
      case 'block':
        return this.blockControl(start);
      case 'break':
      case 'continue':
        return this.loopControl(token);
      case 'else':
        return this.elseControl(token);
      case 'end':
        this.expect('rightDelim', 'end');
        return { type: 'end', pos: token.pos };
      case 'if':
      case 'range':
      case 'with':
        return this.nest(token.pos, 'max nesting depth exceeded', () => this.control(token.type as BranchNode['type'], start));
      case 'template':
        return this.templateControl();
    }
    this.backup();
    // Variables declared here live until the enclosing {{end}}.
    return { type: 'action', pos: this.peekNonSpace().pos, pipe: this.pipeline('command', 'rightDelim') };
  }

  private loopControl(token: Token): Node {
    const which = token.type as 'break' | 'continue';
    const t = this.nextNonSpace();
    if (t.type !== 'rightDelim') this.unexpected(t, `{{${which}}}`);
    if (this.rangeDepth === 0) this.fail(`{{${which}}} outside {{range}}`, token.pos);
    return { type: which, pos: token.pos };
  }

  private elseControl(token: Token): EndToken {
    // "{{else if" is read as "{{else}}{{if": leave the "if" for the caller.
    if (this.peekNonSpace().type === 'if') return { type: 'else', pos: token.pos };
    this.expect('rightDelim', 'else');
    return { type: 'else', pos: token.pos };
  }

  /** if / range / with: a pipeline, a body, maybe an else body, one {{end}}. */
  private control(type: BranchNode['type'], start: number): BranchNode {
    const varsBefore = this.vars.length;
    this.openBlocks.push(start);
    try {
      const pipe = this.pipeline(type, 'rightDelim');
      if (type === 'range') this.rangeDepth++;
      const [list, next] = this.itemList();
      if (type === 'range') this.rangeDepth--;
      const node: BranchNode = { type, pos: pipe.pos, pipe, list };
      if (next.type === 'else') {
        if (type === 'if' && this.peek().type === 'if') {
          // {{else if …}} nests an if that shares our {{end}}.
          const elseIf = this.next();
          node.elseList = { type: 'list', pos: next.pos, nodes: [this.control('if', elseIf.pos)] };
        } else {
          const [elseList, end] = this.itemList();
          if (end.type !== 'end') this.fail(`expected end; found ${nodeString(end)}`, end.pos);
          node.elseList = elseList;
        }
      }
      return node;
    } finally {
      this.openBlocks.pop();
      this.vars.length = varsBefore;
    }
  }

  /** {{block "name" pipeline}} body {{end}}: defines "name" and calls it here. */
  private blockControl(start: number): TemplateNode {
    const context = 'block clause';
    const token = this.nextNonSpace();
    const name = this.templateName(token, context);
    const pipe = this.pipeline(context, 'rightDelim');
    const [list, end] = this.inFreshScope(start, () => this.itemList());
    if (end.type !== 'end') this.fail(`unexpected ${nodeString(end)} in ${context}`, end.pos);
    this.addTree(name, list, token.pos);
    return { type: 'template', pos: token.pos, name, pipe };
  }

  private templateControl(): TemplateNode {
    const context = 'template clause';
    const token = this.nextNonSpace();
    const name = this.templateName(token, context);
    if (this.nextNonSpace().type === 'rightDelim') return { type: 'template', pos: token.pos, name };
    this.backup();
    return { type: 'template', pos: token.pos, name, pipe: this.pipeline(context, 'rightDelim') };
  }

  private templateName(token: Token, context: string): string {
    if (token.type !== 'string' && token.type !== 'rawString') this.unexpected(token, context);
    return this.unquote(token);
  }

  // ---- pipelines

  /** declarations? command ('|' command)*, up to `end` (consumed). */
  private pipeline(context: string, end: 'rightDelim' | 'rightParen'): PipeNode {
    const pipe: PipeNode = { type: 'pipe', pos: this.peekNonSpace().pos, isAssign: false, decl: [], cmds: [] };
    this.declarations(pipe, context);
    for (;;) {
      const token = this.nextNonSpace();
      if (token.type === end) {
        this.checkPipeline(pipe, context, token);
        return pipe;
      }
      if (!STARTS_OPERAND.has(token.type)) this.unexpected(token, context);
      this.backup();
      pipe.cmds.push(this.command());
    }
  }

  private declarations(pipe: PipeNode, context: string): void {
    for (;;) {
      const mark = this.i;
      const v = this.nextNonSpace();
      if (v.type !== 'variable') {
        this.i = mark;
        return;
      }
      const next = this.peekNonSpace();
      if (next.type === 'assign' || next.type === 'declare') {
        pipe.isAssign = next.type === 'assign';
        this.nextNonSpace();
        pipe.decl.push({ type: 'variable', pos: v.pos, ident: [v.val] });
        this.vars.push(v.val);
        return;
      }
      if (next.type === 'char' && next.val === ',') {
        this.nextNonSpace();
        pipe.decl.push({ type: 'variable', pos: v.pos, ident: [v.val] });
        this.vars.push(v.val);
        if (context === 'range' && pipe.decl.length < 2) {
          const after = this.peekNonSpace();
          if (after.type === 'variable' || after.type === 'rightDelim' || after.type === 'rightParen') continue;
          this.fail('range can only initialize variables', after.pos);
        }
        this.fail(`too many declarations in ${context}`, next.pos);
      }
      // An ordinary operand: put it back.
      this.i = mark;
      return;
    }
  }

  private checkPipeline(pipe: PipeNode, context: string, end: Token): void {
    if (pipe.cmds.length === 0) this.fail(`missing value for ${context}`, end.pos);
    // Only the first stage may start with a constant: the others receive the piped value.
    pipe.cmds.slice(1).forEach((c, i) => {
      if (['bool', 'dot', 'nil', 'number', 'string'].includes(c.args[0]!.type)) {
        this.fail(`non executable command in pipeline stage ${i + 2}`, c.pos);
      }
    });
  }

  /** operand (space operand)*, up to '|' (consumed) or the end of the pipeline (not consumed). */
  private command(): CommandNode {
    const cmd: CommandNode = { type: 'command', pos: this.peekNonSpace().pos, args: [] };
    for (;;) {
      this.peekNonSpace();
      const operand = this.operand();
      if (operand) cmd.args.push(operand);
      const token = this.next();
      if (token.type === 'space') continue;
      if (token.type === 'rightDelim' || token.type === 'rightParen') this.backup();
      else if (token.type !== 'pipe') this.unexpected(token, 'operand');
      break;
    }
    if (cmd.args.length === 0) this.fail('empty command', cmd.pos);
    return cmd;
  }

  /** A term and any .Field accesses on it. */
  private operand(): ArgNode | undefined {
    const term = this.term();
    if (!term || this.peek().type !== 'field') return term;
    // Like Go, place the node at its first chained field (errors point there).
    const pos = this.peek().pos;
    const fields: string[] = [];
    while (this.peek().type === 'field') fields.push(this.next().val.slice(1));
    switch (term.type) {
      case 'field':
        return { ...term, pos, ident: [...term.ident, ...fields] };
      case 'variable':
        return { ...term, pos, ident: [...term.ident, ...fields] };
      case 'bool':
      case 'string':
      case 'number':
      case 'nil':
      case 'dot':
        this.fail(`unexpected . after term ${quote(nodeString(term))}`, term.pos);
    }
    return { type: 'chain', pos, node: term, fields };
  }

  private term(): ArgNode | undefined {
    const token = this.nextNonSpace();
    const pos = token.pos;
    switch (token.type) {
      case 'error':
        this.fail(token.val, pos);
      case 'identifier':
        if (!this.funcs.has(token.val)) this.fail(`function ${quote(token.val)} not defined`, pos);
        return { type: 'identifier', pos, name: token.val };
      case 'dot':
        return { type: 'dot', pos };
      case 'nil':
        return { type: 'nil', pos };
      case 'variable':
        if (!this.vars.includes(token.val)) this.fail(`undefined variable ${quote(token.val)}`, pos);
        return { type: 'variable', pos, ident: [token.val] };
      case 'field':
        return { type: 'field', pos, ident: [token.val.slice(1)] };
      case 'bool':
        return { type: 'bool', pos, value: token.val === 'true' };
      case 'charConstant':
      case 'complex':
      case 'number':
        return this.number(token);
      case 'leftParen':
        return this.nest(pos, 'max expression depth exceeded', () => this.pipeline('parenthesized pipeline', 'rightParen'));
      case 'string':
      case 'rawString':
        return { type: 'string', pos, quoted: token.val, text: this.unquote(token) };
    }
    this.backup();
    return undefined;
  }

  private unquote(token: Token): string {
    try {
      return unquote(token.val);
    } catch (e) {
      if (e instanceof SyntaxError_) this.fail(e.message, token.pos);
      throw e;
    }
  }

  /** Every reading Go gives a number literal (its NumberNode), or Go's complaint. */
  private number(token: Token): NumberNode {
    const text = token.val;
    const n: NumberNode = {
      type: 'number', pos: token.pos, text, isInt: false, isUint: false, isFloat: false, isComplex: false, int: 0, float: 0,
    };
    if (token.type === 'charConstant') {
      let ch: { value: string; next: number };
      try {
        ch = unquoteChar(text, 1, "'");
      } catch {
        this.fail('invalid syntax', token.pos);
      }
      if (text.slice(ch.next) !== "'") this.fail(`malformed character constant: ${text}`, token.pos);
      const cp = ch.value.codePointAt(0)!;
      return { ...n, isInt: true, isUint: true, isFloat: true, int: cp, float: cp };
    }
    if (token.type === 'complex' || text.endsWith('i')) {
      // Complex numbers parse (as in Go) but the evaluator does not compute with them.
      return { ...n, isComplex: true };
    }
    const u = parseInteger(text, false);
    const i = parseInteger(text, true);
    if (u !== undefined) Object.assign(n, { isUint: true });
    if (i !== undefined) Object.assign(n, { isInt: true, int: Number(i) });
    if (n.isInt || n.isUint) {
      n.isFloat = true;
      n.float = Number(i ?? u);
      return n;
    }
    const f = parseFloat64(text);
    if (f !== undefined) {
      // A float that looks like an integer overflowed int64.
      if (!/[.eEpP]/.test(text)) this.fail(`integer overflow: ${quote(text)}`, token.pos);
      n.isFloat = true;
      n.float = f;
      if (Number.isInteger(f) && Math.abs(f) < 2 ** 63) Object.assign(n, { isInt: true, int: f });
      if (Number.isInteger(f) && f >= 0 && f < 2 ** 64) n.isUint = true;
      return n;
    }
    this.fail(`illegal number syntax: ${quote(text)}`, token.pos);
  }
}

const STARTS_OPERAND: ReadonlySet<TokenType> = new Set<TokenType>([
  'bool', 'charConstant', 'complex', 'dot', 'field', 'identifier', 'number', 'nil', 'rawString', 'string', 'variable', 'leftParen',
]);

/** A token as Go names it in "unexpected X": keywords as <if>, others quoted, long ones cut at ten runes. */
function tokenString(t: Token): string {
  if (t.type === 'eof') return 'EOF';
  if (t.type === 'error') return t.val;
  if (isKeyword(t.type)) return `<${t.val}>`;
  const runes = [...t.val];
  if (runes.length > 10) return quote(runes.slice(0, 10).join('')) + '...';
  return quote(t.val);
}
