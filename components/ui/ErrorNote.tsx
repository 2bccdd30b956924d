/** An error from the console API, in full: the messages say what to do. */
export function ErrorNote({ error, title }: { error: unknown; title?: string }) {
  if (!error) return null;
  const message = error instanceof Error ? error.message : String(error);
  return (
    <div className="error-note" role="alert">
      {title ? <strong>{title}: </strong> : null}
      {message}
    </div>
  );
}
