import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { ReloadView } from '../../../components/reload/ReloadView';

type Params = { params: Promise<{ id: string }> };

/** Reload ids are positive integers; anything else is not a reload. */
function parseId(raw: string): number | null {
  return /^[1-9][0-9]{0,15}$/.test(raw) ? Number(raw) : null;
}

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { id } = await params;
  return { title: `Reload #${id}` };
}

export default async function ReloadPage({ params }: Params) {
  const id = parseId((await params).id);
  if (id === null) notFound();
  return (
    <>
      <h1 tabIndex={-1}>Reload #{id}</h1>
      <ReloadView id={id} />
    </>
  );
}
