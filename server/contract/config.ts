// What the config core says about a config text, in the shape every side shows it: the
// service (reload records, plans, `hotconf validate`), the console (422 answers) and the
// editor (markers, the problems list).

export interface ConfigIssue {
  /** YAML path, dot-joined with numeric indexes: `route.routes.0.receiver` ('' = the file). */
  path: string;
  /** 1-based start of what the issue is about; null when it cannot be placed. */
  line: number | null;
  column: number | null;
  /** 1-based end (exclusive column) of the same span, on the same line; absent when unknown. */
  end_line?: number;
  end_column?: number;
  message: string;
  code: string;
}

export interface ChangeRecord {
  path: string;
  op: 'add' | 'remove' | 'change';
}
