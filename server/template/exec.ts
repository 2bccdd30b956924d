// Runs a parsed template over data, with Go 1.19's semantics: variable scopes,
// pipelines (the piped value is the last argument), method calls, missing-key
// handling, range over slices and maps (sorted keys), break/continue, template
// calls with a fresh variable scope; and Go's execution error messages.
// Because templates may come from users, every run is bounded: a step budget,
// an output budget (which also bounds any single value a function returns)
// and a depth limit on {{template}} calls.

import { BUILTINS, signatureOf, type ParamType } from './builtins';
import { TemplateExecError } from './errors';
import { quote } from './strconv';
import { formatVerb, printValue } from './format';
import { nodeString, type AnyNode, type ArgNode, type BranchNode, type ChainNode, type CommandNode, type IdentifierNode, type ListNode, type Node, type NumberNode, type PipeNode, type TemplateNode, type VariableNode } from './nodes';
import {
  findMethod, GoFloat, isTrue, kindOf, mapGet, mapZero, sortedEntries, structField, typeName, type AnyFunction,
} from './values';

/** One executable template: a body and the text it was parsed from (for error locations). */
export interface ExecTree {
  name: string;
  list: ListNode;
  text: string;
  sourceName: string;
}

export interface ExecLimits {
  /** Nodes walked, commands evaluated and loop iterations, together. */
  maxSteps: number;
  /** Characters of output; also the most any one function result may hold. */
  maxOutput: number;
  /** Nested {{template}} calls. */
  maxDepth: number;
}

export const DEFAULT_LIMITS: ExecLimits = { maxSteps: 1_000_000, maxOutput: 4_000_000, maxDepth: 100 };

/** Go's missingkey option: what `.key` of a map without that key gives. */
export type MissingKey = 'default' | 'zero' | 'error';

export interface ExecEnv {
  templates: (name: string) => ExecTree | undefined;
  funcs: ReadonlyMap<string, AnyFunction>;
  missingKey: MissingKey;
  limits: ExecLimits;
}

export function execute(tree: ExecTree, data: unknown, env: ExecEnv): string {
  const state = new State(tree, data, env);
  try {
    state.walk(data, tree.list);
  } catch (e) {
    // A JavaScript stack overflow from pathological nesting is an error of the template, not of the service.
    if (e instanceof RangeError) state.errorf('template nesting too deep to execute');
    throw e;
  }
  return state.output();
}

/** The absent final argument of the first command in a pipeline. */
const MISSING: unique symbol = Symbol('missing');
type Final = unknown | typeof MISSING;

class LoopSignal {
  constructor(readonly kind: 'break' | 'continue') {}
}
const BREAK = new LoopSignal('break');
const CONTINUE = new LoopSignal('continue');

interface Variable {
  name: string;
  value: unknown;
}

class State {
  private out: string[] = [];
  private outLength = 0;
  private steps = 0;
  private depth = 0;
  private vars: Variable[];
  private node: AnyNode | undefined;

  constructor(
    private tree: ExecTree,
    data: unknown,
    private readonly env: ExecEnv,
  ) {
    this.vars = [{ name: '$', value: data }];
  }

  output(): string {
    return this.out.join('');
  }

  errorf(message: string): never {
    const node = this.node;
    throw new TemplateExecError(
      message, this.tree.name, this.tree.sourceName, node?.pos ?? 0, this.tree.text, node ? nodeString(node) : '',
    );
  }

  private at(node: AnyNode): void {
    this.node = node;
  }

  private step(): void {
    if (++this.steps > this.env.limits.maxSteps) this.errorf(`execution exceeded the budget of ${this.env.limits.maxSteps} steps`);
  }

  private write(s: string): void {
    this.outLength += s.length;
    if (this.outLength > this.env.limits.maxOutput) this.errorf(`output exceeded the budget of ${this.env.limits.maxOutput} characters`);
    this.out.push(s);
  }

  // ---- variables

  private varValue(name: string): unknown {
    for (let i = this.vars.length - 1; i >= 0; i--) if (this.vars[i]!.name === name) return this.vars[i]!.value;
    this.errorf(`undefined variable: ${name}`);
  }

  private setVar(name: string, value: unknown): void {
    for (let i = this.vars.length - 1; i >= 0; i--) {
      if (this.vars[i]!.name === name) {
        this.vars[i]!.value = value;
        return;
      }
    }
    this.errorf(`undefined variable: ${name}`);
  }

  // ---- walking the tree

  walk(dot: unknown, node: Node): void {
    this.step();
    this.at(node);
    switch (node.type) {
      case 'action': {
        // Variables declared by an action live until the enclosing {{end}}; a declaration prints nothing.
        const value = this.evalPipeline(dot, node.pipe);
        if (node.pipe.decl.length === 0) this.print(node, value);
        return;
      }
      case 'if':
      case 'with':
        return this.walkIfOrWith(dot, node);
      case 'list':
        for (const n of node.nodes) this.walk(dot, n);
        return;
      case 'range':
        return this.walkRange(dot, node);
      case 'template':
        return this.walkTemplate(dot, node);
      case 'text':
        return this.write(node.text);
      case 'break':
        throw BREAK;
      case 'continue':
        throw CONTINUE;
    }
  }

  private print(node: AnyNode, value: unknown): void {
    this.at(node);
    if (kindOf(value) === 'func') this.errorf(`can't print ${nodeString(node)} of type ${typeName(value)}`);
    this.write(printValue(value));
  }

  private walkIfOrWith(dot: unknown, node: BranchNode): void {
    const mark = this.vars.length;
    const value = this.evalPipeline(dot, node.pipe);
    if (isTrue(value)) this.walk(node.type === 'with' ? value : dot, node.list);
    else if (node.elseList) this.walk(dot, node.elseList);
    this.vars.length = mark;
  }

  private walkRange(dot: unknown, node: BranchNode): void {
    this.at(node);
    const outer = this.vars.length;
    const value = this.evalPipeline(dot, node.pipe);
    // The loop variables are the last one or two declared by the pipeline.
    const mark = this.vars.length;
    const decl = node.pipe.decl;
    const iteration = (index: unknown, elem: unknown): boolean => {
      this.step();
      if (decl.length > 0) this.assignLoopVar(decl.length === 1 ? decl[0]! : decl[1]!, node.pipe.isAssign, mark - 1, elem);
      if (decl.length > 1) this.assignLoopVar(decl[0]!, node.pipe.isAssign, mark - 2, index);
      try {
        this.walk(elem, node.list);
      } catch (e) {
        if (e !== BREAK && e !== CONTINUE) throw e;
        if (e === BREAK) return false;
      } finally {
        this.vars.length = mark;
      }
      return true;
    };
    let iterated = false;
    switch (kindOf(value)) {
      case 'slice': {
        const items = value as unknown[];
        for (let i = 0; i < items.length; i++) {
          iterated = true;
          if (!iteration(i, items[i])) break;
        }
        break;
      }
      case 'map':
        for (const [k, v] of sortedEntries(value as object)) {
          iterated = true;
          if (!iteration(k, v)) break;
        }
        break;
      case 'nil':
        break;
      default:
        // Reported at the node evaluated last, as Go does.
        this.errorf(`range can't iterate over ${formatVerb(value, 'v')}`);
    }
    if (!iterated && node.elseList) this.walk(dot, node.elseList);
    this.vars.length = outer;
  }

  private assignLoopVar(v: VariableNode, isAssign: boolean, slot: number, value: unknown): void {
    if (isAssign) this.setVar(v.ident[0]!, value);
    else this.vars[slot]!.value = value;
  }

  private walkTemplate(dot: unknown, node: TemplateNode): void {
    this.at(node);
    const tree = this.env.templates(node.name);
    if (!tree) this.errorf(`template ${quote(node.name)} not defined`);
    if (this.depth >= this.env.limits.maxDepth) this.errorf(`exceeded maximum template depth (${this.env.limits.maxDepth})`);
    const newDot = node.pipe ? this.evalPipeline(dot, node.pipe) : undefined;
    // No dynamic scoping: the called template sees only $, its dot.
    const saved = { tree: this.tree, vars: this.vars };
    this.tree = tree;
    this.vars = [{ name: '$', value: newDot }];
    this.depth++;
    try {
      this.walk(newDot, tree.list);
    } finally {
      this.depth--;
      this.tree = saved.tree;
      this.vars = saved.vars;
    }
  }

  // ---- evaluating pipelines

  private evalPipeline(dot: unknown, pipe: PipeNode): unknown {
    this.at(pipe);
    let value: Final = MISSING;
    for (const cmd of pipe.cmds) value = this.evalCommand(dot, cmd, value);
    for (const v of pipe.decl) {
      if (pipe.isAssign) this.setVar(v.ident[0]!, value);
      else this.vars.push({ name: v.ident[0]!, value });
    }
    return value;
  }

  private evalCommand(dot: unknown, cmd: CommandNode, final: Final): unknown {
    this.step();
    const [first, ...args] = cmd.args as [ArgNode, ...ArgNode[]];
    switch (first.type) {
      case 'field':
        this.at(first);
        return this.evalFieldChain(dot, dot, first, first.ident, args, final);
      case 'chain':
        return this.evalChain(dot, first, args, final);
      case 'identifier':
        return this.evalFunction(dot, first, cmd, args, final);
      case 'pipe':
        this.notAFunction(first, args, final);
        return this.evalPipeline(dot, first);
      case 'variable':
        return this.evalVariable(dot, first, args, final);
    }
    this.at(first);
    this.notAFunction(first, args, final);
    switch (first.type) {
      case 'bool':
        return first.value;
      case 'dot':
        return dot;
      case 'nil':
        return this.errorf('nil is not a command');
      case 'number':
        return this.constant(first);
      case 'string':
        return first.text;
    }
  }

  private notAFunction(head: ArgNode, args: ArgNode[], final: Final): void {
    if (args.length > 0 || final !== MISSING) this.errorf(`can't give argument to non-function ${nodeString(head)}`);
  }

  /** A number literal where no type is asked for: float if written like one, else int. */
  private constant(n: NumberNode): unknown {
    this.at(n);
    if (n.isComplex) this.errorf(`complex number ${n.text} is not supported`);
    const hexInt = /^[+-]?0[xX]/.test(n.text) && !/[pP]/.test(n.text);
    if (n.isFloat && !hexInt && !n.text.startsWith("'") && /[.eEpP]/.test(n.text)) return new GoFloat(n.float);
    if (n.isInt) return n.int;
    return this.errorf(`${n.text} overflows int`);
  }

  private evalVariable(dot: unknown, v: VariableNode, args: ArgNode[], final: Final): unknown {
    this.at(v);
    const value = this.varValue(v.ident[0]!);
    if (v.ident.length === 1) {
      this.notAFunction(v, args, final);
      return value;
    }
    return this.evalFieldChain(dot, value, v, v.ident.slice(1), args, final);
  }

  private evalChain(dot: unknown, chain: ChainNode, args: ArgNode[], final: Final): unknown {
    this.at(chain);
    if (chain.node.type === 'nil') this.errorf(`indirection through explicit nil in ${nodeString(chain)}`);
    const receiver = this.evalArg(dot, 'any', chain.node);
    return this.evalFieldChain(dot, receiver, chain, chain.fields, args, final);
  }

  /** .X.Y.Z: each step reads a field or calls a method; only the last gets the arguments. */
  private evalFieldChain(dot: unknown, receiver: unknown, node: AnyNode, ident: string[], args: ArgNode[], final: Final): unknown {
    for (let i = 0; i < ident.length - 1; i++) receiver = this.evalField(dot, ident[i]!, node, [], MISSING, receiver);
    return this.evalField(dot, ident.at(-1)!, node, args, final, receiver);
  }

  private evalField(dot: unknown, name: string, node: AnyNode, args: ArgNode[], final: Final, receiver: unknown): unknown {
    if (receiver === undefined || receiver === null) {
      if (this.env.missingKey === 'error') this.errorf(`nil data; no entry for key ${quote(name)}`);
      return undefined;
    }
    const method = findMethod(receiver, name);
    if (method) return this.evalCall(dot, method, receiver, node, name, args, final);
    const hasArgs = args.length > 0 || final !== MISSING;
    switch (kindOf(receiver)) {
      case 'map': {
        if (hasArgs) this.errorf(`${name} is not a method but has arguments`);
        const entry = mapGet(receiver as object, name);
        if (entry.found) return entry.value;
        if (this.env.missingKey === 'error') this.errorf(`map has no entry for key ${quote(name)}`);
        return this.env.missingKey === 'zero' ? mapZero(receiver as object) : undefined;
      }
      case 'struct': {
        const field = structField(receiver as object, name);
        if (!field.found) break;
        if (hasArgs) this.errorf(`${name} has arguments but cannot be invoked as function`);
        return field.value;
      }
    }
    return this.errorf(`can't evaluate field ${name} in type ${typeName(receiver)}`);
  }

  /** A function call; `cmd` (the whole command) is where a failure inside the function is reported. */
  private evalFunction(dot: unknown, node: IdentifierNode, cmd: AnyNode, args: ArgNode[], final: Final): unknown {
    this.at(node);
    const fn = this.env.funcs.get(node.name);
    if (!fn) this.errorf(`${quote(node.name)} is not a defined function`);
    return this.evalCall(dot, fn, undefined, cmd, node.name, args, final);
  }

  /** Calls a function or method (bound to `self`) with evaluated, type-checked arguments. */
  private evalCall(dot: unknown, fn: AnyFunction, self: unknown, node: AnyNode, name: string, args: ArgNode[], final: Final): unknown {
    this.step();
    const sig = signatureOf(fn);
    const numIn = args.length + (final === MISSING ? 0 : 1);
    if (sig?.variadic !== undefined) {
      if (numIn < sig.params.length) this.errorf(`wrong number of args for ${name}: want at least ${sig.params.length} got ${args.length}`);
    } else if (sig && numIn !== sig.params.length) {
      this.errorf(`wrong number of args for ${name}: want ${sig.params.length} got ${numIn}`);
    }
    const paramType = (i: number): ParamType => sig?.params[i] ?? sig?.variadic ?? 'any';
    const builtin = BUILTINS.get(name) === fn;

    if (builtin && (name === 'and' || name === 'or')) {
      // Short-circuit: stop at the first operand that decides, and return it.
      let value: unknown;
      for (const arg of args) {
        value = this.evalArg(dot, 'any', arg);
        if (isTrue(value) === (name === 'or')) return value;
      }
      return final === MISSING ? value : final;
    }

    const argv = args.map((a, i) => this.evalArg(dot, paramType(i), a));
    if (final !== MISSING) argv.push(this.validateType(final, paramType(numIn - 1)));
    // Functions outside this engine get plain numbers, not our float wrapper.
    const passed = builtin ? argv : argv.map((a) => (a instanceof GoFloat ? a.value : a));
    let result: unknown;
    try {
      result = fn.apply(self, passed);
    } catch (e) {
      if (e instanceof TemplateExecError) throw e;
      this.at(node);
      this.errorf(`error calling ${name}: ${e instanceof Error ? e.message : String(e)}`);
    }
    if (typeof result === 'string' && result.length > this.env.limits.maxOutput) {
      this.at(node);
      this.errorf(`${name} returned more than the output budget of ${this.env.limits.maxOutput} characters`);
    }
    return result;
  }

  /** An argument, evaluated for a parameter of type `type` (Go's evalArg). */
  private evalArg(dot: unknown, type: ParamType, n: ArgNode): unknown {
    this.at(n);
    switch (n.type) {
      case 'dot':
        return this.validateType(dot, type);
      case 'nil':
        if (canBeNil(type)) return undefined;
        return this.errorf(`cannot assign nil to ${type}`);
      case 'field':
        return this.validateType(this.evalFieldChain(dot, dot, n, n.ident, [], MISSING), type);
      case 'variable':
        return this.validateType(this.evalVariable(dot, n, [], MISSING), type);
      case 'pipe':
        return this.validateType(this.evalPipeline(dot, n), type);
      case 'identifier':
        return this.validateType(this.evalFunction(dot, n, n, [], MISSING), type);
      case 'chain':
        return this.validateType(this.evalChain(dot, n, [], MISSING), type);
    }
    // A literal takes the parameter's type, if it can.
    switch (type) {
      case 'any':
        return n.type === 'number' ? this.constant(n) : n.type === 'bool' ? n.value : n.text;
      case 'bool':
        if (n.type === 'bool') return n.value;
        return this.errorf(`expected bool; found ${nodeString(n)}`);
      case 'string':
        if (n.type === 'string') return n.text;
        return this.errorf(`expected string; found ${nodeString(n)}`);
      case 'int':
        if (n.type === 'number' && n.isInt) return n.int;
        return this.errorf(`expected integer; found ${nodeString(n)}`);
      case 'float64':
        if (n.type === 'number' && n.isFloat) return new GoFloat(n.float);
        return this.errorf(`expected float; found ${nodeString(n)}`);
    }
    return this.errorf(`can't handle ${nodeString(n)} for arg of type ${type}`);
  }

  /** Checks that a computed value fits a parameter (Go's validateType). */
  private validateType(value: unknown, type: ParamType): unknown {
    if (value === undefined || value === null) {
      if (type === '[]string') return [];
      if (canBeNil(type)) return undefined;
      return this.errorf(`invalid value; expected ${type}`);
    }
    const kind = kindOf(value);
    const fits =
      type === 'any' ||
      (type === 'string' && kind === 'string') ||
      (type === 'bool' && kind === 'bool') ||
      (type === 'int' && kind === 'int') ||
      (type === 'float64' && kind === 'float') ||
      (type === '[]string' && kind === 'slice' && (value as unknown[]).every((e) => typeof e === 'string') &&
        ['[]string', '[]interface {}'].includes(typeName(value)));
    if (!fits) this.errorf(`wrong type for value; expected ${type}; got ${typeName(value)}`);
    return value;
  }
}

const canBeNil = (type: ParamType): boolean => type === 'any' || type === '[]string';
