// Errors of the template engine, each located in the text it came from.
// `message` is the short, Go-like text ("unexpected EOF"); `located` adds the
// place in the form an editor or a log wants ("name:3:7: unexpected EOF").
// `name` is the template's name, not the class's: tell the two kinds apart with
// `instanceof`.

/** 1-based line and column of `offset` in `text` (columns count UTF-16 code units). */
export function locate(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(Math.max(offset, 0), text.length);
  for (let i = text.indexOf('\n'); i !== -1 && i < end; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: end - lineStart + 1 };
}

/** A template that does not parse: bad syntax, an undefined function or variable, a bad literal. */
export class TemplateSyntaxError extends Error {
  /** Name the text was parsed under (a file name, a field path). */
  override name: string;
  readonly line: number;
  readonly column: number;
  constructor(
    message: string,
    name: string,
    /** Offset in the text (UTF-16 code units) of the token at fault. */
    readonly offset: number,
    text: string,
  ) {
    super(message);
    this.name = name;
    ({ line: this.line, column: this.column } = locate(text, offset));
  }
  get located(): string {
    return `${this.name}:${this.line}:${this.column}: ${this.message}`;
  }
}

/** A failure while rendering: a missing template, a bad call, an exceeded budget. */
export class TemplateExecError extends Error {
  /** The template being executed (a `define` name, or the name given to `add`). */
  override name: string;
  readonly line: number;
  readonly column: number;
  constructor(
    message: string,
    name: string,
    /** The name of the text that holds the failing node (where line and column point). */
    readonly sourceName: string,
    readonly offset: number,
    text: string,
    /** The failing node as Go prints it, e.g. `index .Alerts 5`; empty when there is none. */
    readonly context: string,
  ) {
    super(message);
    this.name = name;
    ({ line: this.line, column: this.column } = locate(text, offset));
  }
  get located(): string {
    const at = this.context ? ` at <${this.context}>` : '';
    return `${this.sourceName}:${this.line}:${this.column}: executing "${this.name}"${at}: ${this.message}`;
  }
}
