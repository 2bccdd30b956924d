'use client';
// The Monaco YAML editor of config.yaml: the JSON Schema (monaco-yaml) gives hover docs,
// completion and its own markers; the zod check's issues (cross-field rules included) are
// set as Error markers on top, at the line and columns the check located.
import Editor from '@monaco-editor/react';
import { useEffect, useLayoutEffect, useRef } from 'react';
import type { DraftIssue } from './draft-check';
import { monaco, setConfigSchema } from './monaco-setup';

export type CodeEditor = monaco.editor.IStandaloneCodeEditor;

const MARKER_OWNER = 'hotconf-zod';

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
  issues: readonly DraftIssue[];
  schema: Record<string, unknown> | undefined;
  onEditor?: (editor: CodeEditor) => void;
  /** Model path; must end with config.yaml for the schema to apply. */
  path?: string;
}

export function YamlEditor({ value, onChange, issues, schema, onEditor, path = 'file:///hotconf/draft/config.yaml' }: YamlEditorProps) {
  const editorRef = useRef<CodeEditor | null>(null);

  useEffect(() => {
    if (schema) setConfigSchema(schema, window.location.origin);
  }, [schema]);

  // At commit, not after the paint: Monaco then draws the markers in the very next frame,
  // with the problems list, instead of one frame later.
  useLayoutEffect(() => {
    const model = editorRef.current?.getModel();
    if (model) setMarkers(model, issues);
  }, [issues]);

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
        if (model) setMarkers(model, issues);
        onEditor?.(editor);
      }}
    />
  );
}

function setMarkers(model: monaco.editor.ITextModel, issues: readonly DraftIssue[]): void {
  monaco.editor.setModelMarkers(
    model,
    MARKER_OWNER,
    issues.map((i) => ({
      severity: monaco.MarkerSeverity.Error,
      message: i.path ? `${i.path}: ${i.message}` : i.message,
      source: 'hotconf schema',
      code: i.code,
      startLineNumber: i.startLine,
      startColumn: i.startColumn,
      endLineNumber: i.endLine,
      endColumn: i.endColumn,
    })),
  );
}
