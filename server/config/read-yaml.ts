// Text → YAML value, the one reading of config.yaml that every side shares. js-yaml with
// the core schema of yaml-schema.ts: ~7 ms for a 340 KB file where the `yaml` package takes
// ~90 ms, which is most of a reload's budget. When js-yaml refuses a text, the `yaml`
// package describes why (it names the construct and points at it; js-yaml's mark often
// lands a line later), so the slow parser runs only on broken text.
import yaml from 'js-yaml';
import { configError, issueAt } from './errors';
import { syntaxErrorsOf, type Span } from './locate';
import { CORE_SCHEMA } from './yaml-schema';

/** The deepest nesting a config may have (a 40-level route tree is ~80 levels); deeper would
 *  overflow the stack of whatever walks it next (zod, the differ). bounds.ts enforces it on
 *  the value; js-yaml itself recurses per level, so a text of thousands of `[` fails here. */
export const MAX_DEPTH = 128;

/** Parses config.yaml; throws a located ConfigError ('load_failed') when it is not YAML. */
export function readYaml(text: string): unknown {
  try {
    return yaml.load(text, { schema: CORE_SCHEMA, filename: 'config.yaml' });
  } catch (err) {
    if (err instanceof yaml.YAMLException) throw syntaxError(text, err);
    if (err instanceof RangeError) {
      const message = `config.yaml is nested too deeply to parse (more than ${MAX_DEPTH} levels are never needed): flatten it`;
      throw configError('load_failed', 'config.yaml is nested too deeply to parse', [issueAt(deepestOpening(text), '', 'too_deep', message)]);
    }
    throw err;
  }
}

/** Parses a fragment (a section, an item) exactly as the whole file is parsed; throws on any
 *  error, unlocated (the incremental loader then parses the whole file). */
export function readYamlFragment(text: string): unknown {
  return yaml.load(text, { schema: CORE_SCHEMA });
}

function syntaxError(text: string, err: yaml.YAMLException) {
  const described = syntaxErrorsOf(text);
  const found = described.length > 0 ? described : [{ span: markOf(text, err), message: err.reason }];
  // `reason` and the `yaml` package's first line never quote the file (js-yaml's full
  // message does, with a code excerpt): the file may hold a literal secret on that line.
  const issues = found.map(({ span, message }) => issueAt(span, '', 'yaml_syntax', `YAML syntax error: ${message}${hintFor(text, span)}`));
  return configError('load_failed', 'config.yaml is not valid YAML', issues);
}

function markOf(text: string, err: yaml.YAMLException): Span {
  const offset = (err.mark as { position?: unknown } | undefined)?.position;
  return charAt(text, typeof offset === 'number' ? Math.min(offset, text.length) : 0);
}

/** The one-character span at an offset. */
function charAt(text: string, at: number): Span {
  const lineStart = text.lastIndexOf('\n', at - 1) + 1;
  const line = text.slice(0, lineStart).split('\n').length;
  return { line, column: at - lineStart + 1, end_line: line, end_column: at - lineStart + 2 };
}

/** The one syntax mistake secret references invite. */
function hintFor(text: string, span: Span | null): string {
  const lineText = span ? (text.split('\n', span.line)[span.line - 1] ?? '') : '';
  return lineText.includes('${') && /[[{]/.test(lineText) ? ": a secret reference inside [...] or {...} must be quoted, e.g. '${env:NAME}'" : '';
}

/** Where flow collections first nest deeper than MAX_DEPTH (brackets counted as written;
 *  what js-yaml's recursion overflows on), else the start of the file. */
function deepestOpening(text: string): Span {
  let depth = 0;
  let at = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '[' || c === '{') {
      if (++depth > MAX_DEPTH) {
        at = i;
        break;
      }
    } else if ((c === ']' || c === '}') && depth > 0) depth--;
  }
  return charAt(text, at);
}
