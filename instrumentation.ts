// Next.js calls register() once when the console's server process starts (not per request).
// The console uses it to reconcile the service with HEAD before anyone asks: a commit whose
// reload never ran (the console was killed in between) gets loaded now (DESIGN §10).
export async function register(): Promise<void> {
  // Only the Node.js server, and not while `next build` evaluates the app.
  if (process.env.NEXT_RUNTIME !== 'nodejs' || process.env.NEXT_PHASE === 'phase-production-build') return;
  const { reconcileWhenStarted } = await import('./server/console/reconciler');
  reconcileWhenStarted();
}
