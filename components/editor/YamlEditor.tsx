'use client';
// The Monaco YAML editor of config.yaml. Its markers are the config core's issues (from the
// check worker, or the service's answer), each at the span the core located; monaco-yaml
// adds hover docs and completion from the JSON Schema, with its own validation off so that
// there is one set of markers, in the service's words.
import Editor from '@monaco-editor/react';
import { useEffect, useLayoutEffect, useRef } from 'react';
import type { ConfigIssue } from '../../server/contract/config';
import { modelineSchemaUri, monaco, setConfigSchema } from './monaco-setup';

export type CodeEditor = monaco.editor.IStandaloneCodeEditor;

const MARKER_OWNER = 'hotconf';

export const EDITOR_OPTIONS: monaco.editor.IStandaloneEditorConstructionOptions = {
  minimap: { enabled: false },
  automaticLayout: true,
  tabSize: 2,
  insertSpaces: true,
  fontSize: 13,
  scrollBeyondLastLine: false,
  renderWhitespace: 'boundary',
  quickSuggestions: { other: true, comments: false, strings: true },
  fixedOverflowWidgets: true,
};

export interface YamlEditorProps {
  value: string;
  onChange: (value: string) => void;
  issues: readonly ConfigIssue[];
  /** Drawn as warnings: what loads but is ignored. */
  warnings?: readonly ConfigIssue[];
  schema: Record<string, unknown> | undefined;
  onEditor?: (editor: CodeEditor) => void;
  /** Model path; must end with config.yaml for the schema to apply. */
  path?: string;
}

export function YamlEditor({ value, onChange, issues, warnings = NONE, schema, onEditor, path = 'file:///hotconf/draft/config.yaml' }: YamlEditorProps) {
  const editorRef = useRef<CodeEditor | null>(null);
  const modelineUri = modelineSchemaUri(value, path);

  useEffect(() => {
    if (schema) setConfigSchema(schema, window.location.origin, modelineUri ? [modelineUri] : []);
  }, [schema, modelineUri]);

  // At commit, not after the paint: Monaco then draws the markers in the very next frame,
  // with the problems list, instead of one frame later.
  useLayoutEffect(() => {
    const model = editorRef.current?.getModel();
    if (model) setMarkers(model, issues, warnings);
  }, [issues, warnings]);

  return (
    <Editor
      height="100%"
      language="yaml"
      path={path}
      value={value}
      options={{ ...EDITOR_OPTIONS, ariaLabel: 'config.yaml editor' }}
      onChange={(v) => onChange(v ?? '')}
      onMount={(editor) => {
        editorRef.current = editor;
        const model = editor.getModel();
        if (model) setMarkers(model, issues, warnings);
        onEditor?.(editor);
      }}
    />
  );
}

const NONE: readonly ConfigIssue[] = [];

function setMarkers(model: monaco.editor.ITextModel, issues: readonly ConfigIssue[], warnings: readonly ConfigIssue[]): void {
  const marker = (severity: monaco.MarkerSeverity) => (i: ConfigIssue) => {
    const line = i.line ?? 1;
    const column = i.column ?? 1;
    return {
      severity,
      message: i.path ? `${i.path}: ${i.message}` : i.message,
      source: 'hotconf',
      code: i.code,
      startLineNumber: line,
      startColumn: column,
      endLineNumber: i.end_line ?? line,
      endColumn: i.end_column ?? column + 1,
    };
  };
  monaco.editor.setModelMarkers(model, MARKER_OWNER, [...issues.map(marker(monaco.MarkerSeverity.Error)), ...warnings.map(marker(monaco.MarkerSeverity.Warning))]);
}
