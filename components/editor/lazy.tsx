'use client';
// Monaco reaches the browser only through these: loaded after the page renders, never on
// the server (it needs `window`), and only by the pages that show an editor.
import dynamic from 'next/dynamic';

function Placeholder() {
  return (
    <div className="editor-placeholder" role="status">
      Loading editor…
    </div>
  );
}

export const LazyYamlEditor = dynamic(() => import('./YamlEditor').then((m) => m.YamlEditor), { ssr: false, loading: Placeholder });

export const LazyYamlDiff = dynamic(() => import('./YamlDiff').then((m) => m.YamlDiff), { ssr: false, loading: Placeholder });
