// The editor and the diff against the base, as two tabs. The editor stays mounted while the
// diff shows (hidden), so its undo history and cursor survive a look at the diff.
import type { HeadConfig } from '../hooks/api';
import { Sha } from '../ui/Sha';
import type { ConfigIssue } from '../../server/contract/config';
import { LazyYamlDiff, LazyYamlEditor } from './lazy';
import type { CodeEditor } from './YamlEditor';

export type EditorTab = 'edit' | 'diff';

export interface EditorTabsProps {
  tab: EditorTab;
  onTab: (tab: EditorTab) => void;
  base: HeadConfig;
  content: string;
  onChange: (content: string) => void;
  stat: { added: number; removed: number };
  issues: readonly ConfigIssue[];
  warnings: readonly ConfigIssue[];
  schema: Record<string, unknown> | undefined;
  onEditor: (editor: CodeEditor) => void;
}

export function EditorTabs({ tab, onTab, base, content, onChange, stat, issues, warnings, schema, onEditor }: EditorTabsProps) {
  return (
    <>
      <div role="tablist" aria-label="Editor view" className="tabs">
        <button type="button" role="tab" id="tab-edit" aria-selected={tab === 'edit'} aria-controls="panel-edit" onClick={() => onTab('edit')}>
          Edit
        </button>
        <button type="button" role="tab" id="tab-diff" aria-selected={tab === 'diff'} aria-controls="panel-diff" onClick={() => onTab('diff')} data-testid="tab-diff">
          Diff against <Sha sha={base.commit} /> <span className="muted">+{stat.added} −{stat.removed}</span>
        </button>
      </div>
      <div id="panel-edit" role="tabpanel" aria-labelledby="tab-edit" className="editor-frame" hidden={tab !== 'edit'} data-testid="editor">
        <LazyYamlEditor value={content} onChange={onChange} issues={issues} warnings={warnings} schema={schema} onEditor={onEditor} />
      </div>
      {tab === 'diff' ? (
        <div id="panel-diff" role="tabpanel" aria-labelledby="tab-diff" className="editor-frame" data-testid="diff-view">
          <LazyYamlDiff id="editor" original={base.content} modified={content} originalLabel={`HEAD ${base.commit.slice(0, 7)}`} modifiedLabel="your edit" />
        </div>
      ) : null}
      <p className="hint muted">Hover a key for its documentation, Ctrl+Space to complete. In the editor Tab indents: press Ctrl+M first to move focus with Tab.</p>
    </>
  );
}
