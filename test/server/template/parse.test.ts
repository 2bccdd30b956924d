// Parsing: what Go 1.19's text/template accepts and rejects, with its words.
// Every expected message was checked against Go 1.19 (Alertmanager 0.25's amtool).
import { describe, expect, it } from 'vitest';
import { parseTemplate, TemplateSyntaxError } from '../../../server/template';

function syntaxError(text: string, name = 't'): TemplateSyntaxError {
  try {
    parseTemplate(text, name);
  } catch (e) {
    if (e instanceof TemplateSyntaxError) return e;
    throw e;
  }
  throw new Error(`parsed: ${text}`);
}

describe('parseTemplate: errors read as Go words them', () => {
  it.each([
    ['{{ "}" }', 'unexpected "}" in operand'],
    ['{{ foo }}', 'function "foo" not defined'],
    ['{{ if . }}', 'unexpected EOF'],
    ['{{end}}', 'unexpected {{end}}'],
    ['{{ else }}', 'unexpected {{else}}'],
    ['{{ .A | 3 }}', 'non executable command in pipeline stage 2'],
    ['{{ $x }}', 'undefined variable "$x"'],
    ['{{ break }}', '{{break}} outside {{range}}'],
    ['{{ continue }}', '{{continue}} outside {{range}}'],
    ['{{ "\\z" }}', 'invalid syntax'],
    ['{{ .A', 'unclosed action'],
    ['{{ (1 }}', 'unclosed left paren'],
    ['{{ 1) }}', 'unexpected ")" in command'],
    ['{{ $x := 1 = 2 }}', 'unexpected "=" in operand'],
    ['{{ a# }}', "bad character U+0023 '#'"],
    ['{{ ~ }}', 'unexpected "~" in command'],
    ['{{ "ab }}', 'unterminated quoted string'],
    ["{{ 'ab }}", 'unterminated character constant'],
    ['{{ `ab }}', 'unterminated raw quoted string'],
    ['{{/* x }}', 'unclosed comment'],
    ['{{/* x */ }}', 'comment ends before closing delimiter'],
    ['{{ 1.2.3 }}', 'unexpected ".3" in operand'],
    ['{{ 089 }}', 'integer overflow: "089"'],
    ['{{ 1e }}', 'illegal number syntax: "1e"'],
    ['{{ 3x }}', 'bad number syntax: "3x"'],
    ["{{ 'ab' }}", "malformed character constant: 'ab'"],
    ['{{ if 1 }}x{{ else }}y{{ else }}z{{end}}', 'expected end; found {{else}}'],
    ['{{ range $i, $e, $f := . }}{{end}}', 'too many declarations in range'],
    ['{{ range $i, 3 := . }}{{end}}', 'range can only initialize variables'],
    ['{{ with $x, $y := . }}{{end}}', 'too many declarations in with'],
    ['{{ with 1 }}a{{ else if 2 }}b{{ end }}', 'unexpected <if> in input'],
    ['{{ define "a" }}1{{ end }}{{ define "a" }}2{{ end }}', 'template: multiple definition of template "a"'],
    ['{{ "x".A }}', 'unexpected . after term "\\"x\\""'],
    ['{{ | }}', 'unexpected "|" in command'],
    ['{{}}', 'missing value for command'],
    ['{{ if }}{{ end }}', 'missing value for if'],
    ['{{ template . }}', 'unexpected <.> in template clause'],
    ['{{ template "x" | }}', 'unexpected "|" in template clause'],
    ['{{ if 1 }}{{ define "x" }}{{ end }}{{ end }}', 'unexpected <define> in command'],
    ['{{ 123456789012345678901 }}', 'integer overflow: "123456789012345678901"'],
  ])('%s → %s', (text, message) => {
    expect(syntaxError(text).message).toBe(message);
  });

  it('locates the error: 1-based line and column of the token at fault, and the template name', () => {
    const e = syntaxError('Hello\n  {{ .Name | nope }}\n', 'slack.tmpl');
    expect([e.message, e.name, e.line, e.column]).toEqual(['function "nope" not defined', 'slack.tmpl', 2, 14]);
    expect(e.located).toBe('slack.tmpl:2:14: function "nope" not defined');
  });

  it('points "unexpected EOF" at the block left open, not at the end of the text', () => {
    const e = syntaxError('a\n{{ range .X }}\n{{ if . }}{{ end }}\nb\n');
    expect([e.message, e.line, e.column]).toEqual(['unexpected EOF', 2, 1]);
  });

  it('tells a lexical error that spans lines where its action began, as Go does', () => {
    expect(syntaxError('{{\n\n').message).toBe('unclosed action started at t:1');
  });

  it('rejects nesting deep enough to threaten the stack, with a message instead of a crash', () => {
    expect(syntaxError('{{ ' + '('.repeat(5000) + '1' + ')'.repeat(5000) + ' }}').message).toBe('max expression depth exceeded');
    expect(syntaxError('{{ if 1 }}'.repeat(5000) + '{{ end }}'.repeat(5000)).message).toBe('max nesting depth exceeded');
  });

  it('checks function names against the set it is given', () => {
    expect(() => parseTemplate('{{ toUpper "a" }}')).not.toThrow();
    expect(() => parseTemplate('{{ toUpper "a" }}', 't', ['printf'])).toThrow('function "toUpper" not defined');
  });
});

describe('parseTemplate: what it accepts', () => {
  it('collects every define and block, and the body under the given name', () => {
    const tree = parseTemplate('top{{ define "a" }}A{{ end }}{{ block "b" . }}B{{ end }}', 'file');
    expect([...tree.templates.keys()].sort()).toEqual(['a', 'b', 'file']);
  });

  it('lets a later non-empty define replace an empty one, within one text', () => {
    const tree = parseTemplate('{{ define "a" }} {{ end }}{{ define "a" }}A{{ end }}');
    expect(tree.templates.get('a')!.nodes).toHaveLength(1);
  });

  it.each([
    '{{/* a comment */}}',
    '{{- /* trimmed comment */ -}}',
    '{{ .A\n  | printf "%s" }}',
    '{{ $x := 1 }}{{ $x = 2 }}',
    '{{ range $i, $e := . }}{{ break }}{{ continue }}{{ end }}',
    '{{ if 1 }}{{ else if 2 }}{{ else }}{{ end }}',
    '{{ with $x := . }}{{ $x }}{{ else }}{{ end }}',
    "{{ 1_000 }}{{ 0x1F }}{{ 0o17 }}{{ 0b101 }}{{ 1e3 }}{{ 0x1p-2 }}{{ 'a' }}{{ '\\n' }}{{ 1+2i }}",
    '{{ `raw\nstring` }}',
    '{{ (.A).B }}{{ $.A }}',
    '{{ .A | }}',
  ])('%s', (text) => {
    expect(() => parseTemplate(text)).not.toThrow();
  });
});
