// The parse tree. Every node keeps `pos`, its offset in the source text, so an
// execution error can point at it; `nodeString` writes a node back the way Go
// does in its messages ("unexpected {{end}}", "executing … at <.Foo>").

import { quote } from './strconv';

export interface ListNode { type: 'list'; pos: number; nodes: Node[] }
export interface TextNode { type: 'text'; pos: number; text: string }
export interface ActionNode { type: 'action'; pos: number; pipe: PipeNode }
export interface BranchNode {
  type: 'if' | 'range' | 'with';
  pos: number;
  pipe: PipeNode;
  list: ListNode;
  elseList?: ListNode;
}
export interface TemplateNode { type: 'template'; pos: number; name: string; pipe?: PipeNode }
export interface LoopControlNode { type: 'break' | 'continue'; pos: number }
export type Node = ListNode | TextNode | ActionNode | BranchNode | TemplateNode | LoopControlNode;

export interface PipeNode {
  type: 'pipe';
  pos: number;
  /** `$x = …` rather than `$x := …`. */
  isAssign: boolean;
  decl: VariableNode[];
  cmds: CommandNode[];
}
export interface CommandNode { type: 'command'; pos: number; args: ArgNode[] }

export interface FieldNode { type: 'field'; pos: number; ident: string[] }
/** `(pipeline).A.B`: fields applied to a term that is not `.` or a variable. */
export interface ChainNode { type: 'chain'; pos: number; node: ArgNode; fields: string[] }
export interface IdentifierNode { type: 'identifier'; pos: number; name: string }
/** `$x.A.B` is ident ['$x', 'A', 'B']. */
export interface VariableNode { type: 'variable'; pos: number; ident: string[] }
export interface DotNode { type: 'dot'; pos: number }
export interface NilNode { type: 'nil'; pos: number }
export interface BoolNode { type: 'bool'; pos: number; value: boolean }
export interface StringNode { type: 'string'; pos: number; quoted: string; text: string }
/**
 * A number literal, with every reading Go allows of it: `1e3` is both a float
 * and an int, `'a'` is an int, `0x10` an int only. Which one an untyped use
 * gets is decided at execution (exec.ts `constantValue`).
 */
export interface NumberNode {
  type: 'number';
  pos: number;
  text: string;
  isInt: boolean;
  isUint: boolean;
  isFloat: boolean;
  isComplex: boolean;
  int: number;
  float: number;
}
export type ArgNode =
  | FieldNode | ChainNode | IdentifierNode | VariableNode | DotNode | NilNode | BoolNode | StringNode | NumberNode | PipeNode;

export type AnyNode = Node | ArgNode | CommandNode | { type: 'end' | 'else'; pos: number };

export function nodeString(n: AnyNode): string {
  switch (n.type) {
    case 'list':
      return n.nodes.map(nodeString).join('');
    case 'text':
      return n.text;
    case 'action':
      return `{{${nodeString(n.pipe)}}}`;
    case 'if':
    case 'range':
    case 'with': {
      const otherwise = n.elseList ? `{{else}}${nodeString(n.elseList)}` : '';
      return `{{${n.type} ${nodeString(n.pipe)}}}${nodeString(n.list)}${otherwise}{{end}}`;
    }
    case 'template':
      return `{{template ${quote(n.name)}${n.pipe ? ' ' + nodeString(n.pipe) : ''}}}`;
    case 'break':
    case 'continue':
    case 'end':
    case 'else':
      return `{{${n.type}}}`;
    case 'pipe': {
      const decl = n.decl.length ? `${n.decl.map(nodeString).join(', ')} ${n.isAssign ? '=' : ':='} ` : '';
      return decl + n.cmds.map(nodeString).join(' | ');
    }
    case 'command':
      return n.args.map((a) => (a.type === 'pipe' ? `(${nodeString(a)})` : nodeString(a))).join(' ');
    case 'field':
      return n.ident.map((f) => '.' + f).join('');
    case 'chain': {
      const head = n.node.type === 'pipe' ? `(${nodeString(n.node)})` : nodeString(n.node);
      return head + n.fields.map((f) => '.' + f).join('');
    }
    case 'identifier':
      return n.name;
    case 'variable':
      return n.ident.join('.');
    case 'dot':
      return '.';
    case 'nil':
      return 'nil';
    case 'bool':
      return String(n.value);
    case 'string':
      return n.quoted;
    case 'number':
      return n.text;
  }
}

/** Whether a define's body is only white space (Go lets such a body not replace an earlier one). */
export function isEmptyTree(list: ListNode): boolean {
  return list.nodes.every((n) => n.type === 'text' && n.text.trim() === '');
}
