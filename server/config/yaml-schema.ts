// The YAML schema of the one reading of config.yaml (read-yaml.ts), which the service, the
// console and the editor's worker all use. Pure js-yaml, no Node imports.
//
// It reads as Alertmanager's yaml.v2 reads YAML 1.1 where that decides whether a file is
// valid: plain true/false/yes/no/on/off/y/n are booleans and plain numbers are numbers —
// both kept with their text (PlainScalar), since a string field takes the text as written.
// Quoted scalars are strings. No timestamps: a date stays a string.
import yaml from 'js-yaml';
import { PlainScalar } from './plain-scalar';

/** `<<` as a merge key (js-yaml merges a mapping pair whose key has this tag). Declared
 *  here because @types/js-yaml does not expose js-yaml's built-in `types.merge`. */
const MERGE_KEY = new yaml.Type('tag:yaml.org,2002:merge', { kind: 'scalar', resolve: (s: string | null) => s === '<<' });

function scalarType(tag: string, test: RegExp, construct: (s: string) => unknown): yaml.Type {
  return new yaml.Type(`tag:yaml.org,2002:${tag}`, { kind: 'scalar', resolve: (s: string | null) => s !== null && test.test(s), construct });
}

const TRUE = /^(?:y|Y|yes|Yes|YES|true|True|TRUE|on|On|ON)$/;
const BOOL = /^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$/;

export const CORE_SCHEMA = yaml.FAILSAFE_SCHEMA.extend({
  implicit: [
    scalarType('null', /^(?:~|[Nn]ull|NULL)?$/, () => null),
    scalarType('bool', BOOL, (s) => new PlainScalar(s, TRUE.test(s))),
    scalarType('int', /^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$/, (s) =>
      new PlainScalar(s, s.startsWith('0o') ? parseInt(s.slice(2), 8) : s.startsWith('0x') ? parseInt(s.slice(2), 16) : parseInt(s, 10)),
    ),
    scalarType('float', /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?)$/, (s) => {
      if (/nan$/i.test(s)) return new PlainScalar(s, NaN);
      if (/inf$/i.test(s)) return new PlainScalar(s, s.startsWith('-') ? -Infinity : Infinity);
      return new PlainScalar(s, parseFloat(s));
    }),
    MERGE_KEY,
  ],
});
