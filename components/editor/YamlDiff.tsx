'use client';
// Monaco's diff editor, read-only: HEAD (or any commit) on the left, the edit on the right.
import { DiffEditor } from '@monaco-editor/react';
import { EDITOR_OPTIONS } from './YamlEditor';
import './monaco-setup';

export function YamlDiff({ original, modified, originalLabel, modifiedLabel, id }: { original: string; modified: string; originalLabel: string; modifiedLabel: string; id: string }) {
  return (
    <DiffEditor
      height="100%"
      language="yaml"
      original={original}
      modified={modified}
      originalModelPath={`file:///hotconf/diff-${id}/original/config.yaml`}
      modifiedModelPath={`file:///hotconf/diff-${id}/modified/config.yaml`}
      options={{ ...EDITOR_OPTIONS, readOnly: true, originalEditable: false, renderSideBySide: true, useInlineViewWhenSpaceIsLimited: true, ariaLabel: `Diff of ${originalLabel} and ${modifiedLabel}` }}
    />
  );
}
