// The YAML schema of the one reading of config.yaml (read-yaml.ts), which the service, the
// console and the editor's worker all use. Pure js-yaml, no Node imports.
import yaml from 'js-yaml';

/** `<<` as a merge key (js-yaml merges a mapping pair whose key has this tag). Declared
 *  here because @types/js-yaml does not expose js-yaml's built-in `types.merge`. */
const MERGE_KEY = new yaml.Type('tag:yaml.org,2002:merge', { kind: 'scalar', resolve: (s: string | null) => s === '<<' });

function scalarType(tag: string, test: RegExp, construct: (s: string) => unknown): yaml.Type {
  return new yaml.Type(`tag:yaml.org,2002:${tag}`, { kind: 'scalar', resolve: (s: string | null) => s !== null && test.test(s), construct });
}

/**
 * YAML 1.2 core schema with exactly the `yaml` package's rules, plus merge keys, and
 * nothing else: js-yaml's own CORE_SCHEMA also reads 1_000 and 0b101 as numbers, which
 * the `yaml` package (the console's editor, the locator) reads as strings; both must see
 * the same document. No timestamps: a date stays a string.
 */
export const CORE_SCHEMA = yaml.FAILSAFE_SCHEMA.extend({
  implicit: [
    scalarType('null', /^(?:~|[Nn]ull|NULL)?$/, () => null),
    scalarType('bool', /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/, (s) => s[0] === 't' || s[0] === 'T'),
    scalarType('int', /^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$/, (s) =>
      s.startsWith('0o') ? parseInt(s.slice(2), 8) : s.startsWith('0x') ? parseInt(s.slice(2), 16) : parseInt(s, 10),
    ),
    scalarType('float', /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?)$/, (s) => {
      if (/nan$/i.test(s)) return NaN;
      if (/inf$/i.test(s)) return s.startsWith('-') ? -Infinity : Infinity;
      return parseFloat(s);
    }),
    MERGE_KEY,
  ],
});
