// TemplateSet: registering templates, running them, how JavaScript data reads
// as Go values (values.ts), and the bounds that keep a hostile template from
// hanging or exhausting memory.
import { describe, expect, it } from 'vitest';
import {
  GoFloat, GoFunc, GO_TYPE, KV, TemplateExecError, TemplateSet, TemplateSyntaxError, withSignature,
} from '../../../server/template';

const run = (text: string, data?: unknown, set = new TemplateSet()): string => set.executeText(text, data);

function execError(fn: () => unknown): TemplateExecError {
  try {
    fn();
  } catch (e) {
    if (e instanceof TemplateExecError) return e;
    throw e;
  }
  throw new Error('no error');
}

describe('TemplateSet registers templates as Go does', () => {
  it('registers the body under its name and every define under its own', () => {
    const set = new TemplateSet();
    set.add('body {{ template "greet" "you" }}{{ define "greet" }}hi {{ . }}{{ end }}', 'file.tmpl');
    expect([set.has('file.tmpl'), set.has('greet'), set.has('other')]).toEqual([true, true, false]);
    expect(set.execute('file.tmpl', null)).toBe('body hi you');
    expect(set.execute('greet', 'me')).toBe('hi me');
  });

  it('lets a later non-empty definition replace an earlier one, but not an empty one', () => {
    const set = new TemplateSet();
    set.add('{{ define "t" }}first{{ end }}', 'a');
    set.add('{{ define "t" }}second{{ end }}', 'b');
    set.add('{{ define "t" }}  {{ end }}', 'c');
    expect(set.execute('t', null)).toBe('second');
  });

  it("keeps a one-off text's defines to itself, and lets it call the set's templates", () => {
    const set = new TemplateSet();
    set.add('{{ define "name" }}set{{ end }}', 'a');
    expect(set.executeText('{{ define "name" }}own{{ end }}{{ template "name" }}', null)).toBe('own');
    expect(set.executeText('{{ template "name" }}', null)).toBe('set');
    expect(set.executeText('', null)).toBe('');
  });

  it('reports a syntax error from add and from executeText with the name given', () => {
    const set = new TemplateSet();
    expect(() => set.add('{{ if }}', 'bad.tmpl')).toThrow(TemplateSyntaxError);
    expect(() => set.executeText('{{ nope }}', null, { name: 'receivers[0].slack_configs[0].title' })).toThrow(
      expect.objectContaining({ name: 'receivers[0].slack_configs[0].title', message: 'function "nope" not defined' }),
    );
  });

  it('locates an execution error in the template and the text that hold it', () => {
    const set = new TemplateSet();
    set.add('\n{{ define "inner" }}\n  {{ index . 3 }}{{ end }}', 'lib.tmpl');
    const e = execError(() => set.executeText('{{ template "inner" .Items }}', { Items: ['a'] }, { name: 'field' }));
    expect(e.message).toBe('error calling index: index out of range: 3');
    expect([e.name, e.sourceName, e.line, e.column, e.context]).toEqual(['inner', 'lib.tmpl', 3, 6, 'index . 3']);
    expect(e.located).toBe('lib.tmpl:3:6: executing "inner" at <index . 3>: error calling index: index out of range: 3');
  });

  it('fails to execute a template it does not have', () => {
    expect(() => new TemplateSet().execute('nope', null)).toThrow('no template "nope" associated with this set');
  });
});

describe('JavaScript data as Go values', () => {
  class Host {
    static readonly [GO_TYPE] = 'main.Host';
    constructor(
      public Name: string,
      public Port: number,
    ) {}
    Address(scheme: string): string {
      return `${scheme}://${this.Name}:${this.Port}`;
    }
    Fail(): string {
      throw new Error('boom');
    }
  }

  it('prints values as Go: maps sorted, slices bracketed, structs braced, nil as <no value>', () => {
    const data = { M: { b: 2, a: 1 }, L: ['a', 'b'], H: new Host('db', 5432), N: null, E: [], F: 2.5 };
    expect(run('{{ .M }}|{{ .L }}|{{ .H }}|{{ .N }}|{{ .Missing }}|{{ .E }}|{{ .F }}', data)).toBe(
      'map[a:1 b:2]|[a b]|{db 5432}|<no value>|<no value>|[]|2.5',
    );
    expect(run('{{ printf "%+v %T %T" .H .H .M }}', data)).toBe('{Name:db Port:5432} main.Host map[string]interface {}');
    expect(run('{{ printf "%v" .Missing }}|{{ print nil }}|{{ html .Missing }}', data)).toBe('<nil>|<nil>|&lt;no value&gt;');
  });

  it('reads plain objects and Maps as maps, ranging in sorted key order', () => {
    const data = { O: { z: 1, a: 2 }, M: new Map([['y', 'Y'], ['x', 'X']]) };
    expect(run('{{ range $k, $v := .O }}{{ $k }}{{ $v }}{{ end }} {{ range .M }}{{ . }}{{ end }} {{ .M.x }} {{ index .O "z" }}', data)).toBe(
      'a2z1 XY X 1',
    );
  });

  it('reads class instances as structs: a missing field is an error, not <no value>', () => {
    expect(execError(() => run('{{ .H.Nope }}', { H: new Host('db', 1) })).message).toBe("can't evaluate field Nope in type main.Host");
  });

  it('calls a function-valued property as a method, with the arguments, this bound to the receiver', () => {
    const data = { H: new Host('db', 5432), Obj: { Shout: (s: string) => s.toUpperCase() } };
    expect(run('{{ .H.Address "tcp" }}|{{ "hey" | .Obj.Shout }}', data)).toBe('tcp://db:5432|HEY');
    expect(execError(() => run('{{ .H.Fail }}', data)).message).toBe('error calling Fail: boom');
  });

  it("checks a method's arguments when it declares a signature", () => {
    const obj = { Pad: withSignature((s: string, n: number) => s.padStart(n), ['string', 'int']) };
    expect(run('[{{ .Pad "x" 3 }}]', obj)).toBe('[  x]');
    expect(execError(() => run('{{ .Pad "x" }}', obj)).message).toBe('wrong number of args for Pad: want 2 got 1');
    expect(execError(() => run('{{ .Pad 1 2 }}', obj)).message).toBe('expected string; found 1');
    expect(execError(() => run('{{ .Pad "x" "y" }}', obj)).message).toBe('expected integer; found "y"');
  });

  it('runs a GoFunc value with call, and refuses to call anything else', () => {
    const data = { Add: new GoFunc((a: number, b: number) => a + b), S: 'str' };
    expect(run('{{ call .Add 1 2 }}', data)).toBe('3');
    expect(execError(() => run('{{ call .S }}', data)).message).toBe('error calling call: non-function of type string');
    expect(execError(() => run('{{ .Add }}', data)).message).toMatch(/^can't print \{\{\.Add\}\} of type func/);
  });

  it('treats integers as int and other numbers as float64; GoFloat keeps an integral float a float', () => {
    const data = { I: 2, F: 2.5, G: new GoFloat(2) };
    expect(run('{{ printf "%T %T %T" .I .F .G }} {{ .G }} {{ printf "%.1f" .G }}', data)).toBe('int float64 float64 2 2.0');
    expect(execError(() => run('{{ eq .I .G }}', data)).message).toBe('error calling eq: incompatible types for comparison');
  });

  it('prints a Date as Go prints a time.Time, in UTC', () => {
    expect(run('{{ .T }}', { T: new Date('2024-05-01T09:00:00.250Z') })).toBe('2024-05-01 09:00:00.25 +0000 UTC');
  });

  it('follows the missingkey option for map keys that are absent', () => {
    const data = { M: { a: 'x' }, L: KV.of({ a: 'x' }) };
    expect(run('{{ .M.b }}|{{ .L.b }}', data)).toBe('<no value>|<no value>');
    expect(run('{{ .M.b }}|{{ .L.b }}|{{ index .L "b" }}', data, new TemplateSet({ missingKey: 'zero' }))).toBe('<no value>||');
    expect(execError(() => run('{{ .M.b }}', data, new TemplateSet({ missingKey: 'error' }))).message).toBe(
      'map has no entry for key "b"',
    );
  });

  it('gives extra functions to a set, checked at parse time like the builtins', () => {
    const set = new TemplateSet({ funcs: { twice: withSignature((s: string) => s + s, ['string']) } });
    expect(run('{{ "ab" | twice }}', null, set)).toBe('abab');
    expect(() => run('{{ twice "a" }}')).toThrow('function "twice" not defined');
  });
});

describe('bounded execution', () => {
  const big = { Items: Array.from({ length: 1000 }, (_, i) => i) };

  it('stops a run past its step budget', () => {
    const set = new TemplateSet({ limits: { maxSteps: 10_000 } });
    const e = execError(() => run('{{ range .Items }}{{ range $.Items }}{{ end }}{{ end }}', big, set));
    expect(e.message).toBe('execution exceeded the budget of 10000 steps');
  });

  it('stops a run past its output budget', () => {
    const set = new TemplateSet({ limits: { maxOutput: 2_000 } });
    expect(execError(() => run('{{ range .Items }}xxxxx{{ end }}', big, set)).message).toBe('output exceeded the budget of 2000 characters');
  });

  it('stops a value that doubles in a variable before it is ever written', () => {
    const set = new TemplateSet({ limits: { maxOutput: 100_000 } });
    const e = execError(() => run('{{ $s := "xx" }}{{ range .Items }}{{ $s = printf "%s%s" $s $s }}{{ end }}', big, set));
    expect(e.message).toBe('printf returned more than the output budget of 100000 characters');
  });

  it('stops endless template recursion at the depth limit', () => {
    const set = new TemplateSet();
    set.add('{{ define "loop" }}{{ template "loop" . }}{{ end }}', 'lib');
    expect(execError(() => set.execute('loop', null)).message).toBe('exceeded maximum template depth (100)');
  });

  it('bounds a width that would build a huge string, as Go does', () => {
    expect(run('{{ printf "%99999999d" 1 }}')).toBe('%!(BADWIDTH)1');
  });
});
