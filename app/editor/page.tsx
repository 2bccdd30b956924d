import type { Metadata } from 'next';
import { EditorWorkbench } from '../../components/editor/EditorWorkbench';

export const metadata: Metadata = { title: 'Editor' };

export default function EditorPage() {
  return (
    <>
      <h1 tabIndex={-1}>Editor</h1>
      <EditorWorkbench />
    </>
  );
}
