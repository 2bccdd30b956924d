// `hotconf routes test|show`: the routing tree of a config file, as `amtool config routes`
// shows it — which receivers a label set goes to, and the tree itself.
//   hotconf routes test [--config FILE] [--tree] label=value...
//   hotconf routes show [--config FILE]
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { buildRouteTree, type RouteNode } from './alerts/route-tree';
import type { Labels } from './alerts/labels';
import { checkConfigText, presentSecrets } from './config/load';
import type { Matcher } from './config/matchers';
import { templateFilesBeside } from './reload/template-files';

export class RoutesUsageError extends Error {}

const DEFAULT_CONFIG = 'data/config-repo/config.yaml';

export function runRoutes(argv: string[]): number {
  const [sub, ...rest] = argv;
  const { values, positionals } = parseArgs({ args: rest, allowPositionals: true, strict: true, options: { config: { type: 'string' }, tree: { type: 'boolean', default: false } } });
  const file = values.config ?? process.env.HOTCONF_CONFIG ?? DEFAULT_CONFIG;
  const tree = loadTree(file);
  if (sub === 'show') {
    if (positionals.length > 0) throw new RoutesUsageError('routes show takes no labels');
    process.stdout.write(`Routing tree:\n.\n${render(tree.root, '', true, () => true)}`);
    return 0;
  }
  if (sub !== 'test') throw new RoutesUsageError('hotconf routes test [--config FILE] [--tree] label=value... | hotconf routes show [--config FILE]');
  const labels = parseLabels(positionals);
  const matched = tree.match(labels);
  if (values.tree) {
    const onPath = new Set(matched.flatMap((n) => ancestorsOf(tree.root, n)));
    process.stdout.write(`Matching routes:\n.\n${render(tree.root, '', true, (n) => onPath.has(n))}\n`);
  }
  process.stdout.write(`${matched.map((n) => n.receiver).join(',')}\n`);
  return 0;
}

function loadTree(file: string) {
  const text = readFileSync(file, 'utf8');
  // Routing needs no secret values: references are checked for their form only.
  const checked = checkConfigText(text, presentSecrets, { templates: templateFilesBeside(file) });
  if (!checked.ok) {
    const lines = checked.issues.map((i) => `${file}:${i.line ?? 0}:${i.column ?? 0}: ${i.path ? `${i.path}: ` : ''}${i.message}`);
    throw new Error(`the config is not valid:\n${lines.join('\n')}`);
  }
  return buildRouteTree(checked.config.route);
}

function parseLabels(args: readonly string[]): Labels {
  const labels: Record<string, string> = {};
  for (const arg of args) {
    const m = /^([a-zA-Z_][a-zA-Z0-9_]*)=(.*)$/s.exec(arg);
    if (!m) throw new RoutesUsageError(`"${arg}" is not a label: write name=value`);
    labels[m[1]!] = m[2]!.replace(/^"(.*)"$/s, '$1');
  }
  return labels;
}

function ancestorsOf(root: RouteNode, target: RouteNode): RouteNode[] {
  if (root === target) return [root];
  for (const child of root.children) {
    const path = ancestorsOf(child, target);
    if (path.length > 0) return [root, ...path];
  }
  return [];
}

function render(node: RouteNode, indent: string, last: boolean, shown: (n: RouteNode) => boolean): string {
  const label = node.path === 'route' ? 'default-route' : `{${[...node.matchers].sort(byName).map(matcherText).join(',')}}`;
  const details = [node.continue ? 'continue: true' : '', `receiver: ${node.receiver}`].filter(Boolean).join('  ');
  let out = `${indent}${last ? '└── ' : '├── '}${label}  ${details}\n`;
  const children = node.children.filter(shown);
  children.forEach((child, i) => {
    // amtool's tree printer pads the bar with two no-break spaces; the same bytes here.
    out += render(child, `${indent}${last ? '    ' : '│\u00a0\u00a0 '}`, i === children.length - 1, shown);
  });
  return out;
}

function byName(a: Matcher, b: Matcher): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

function matcherText(m: Matcher): string {
  return `${m.name}${m.op}${JSON.stringify(m.legacy ? `^(?:${m.value})$` : m.value)}`;
}
