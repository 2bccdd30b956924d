// A finished reload record, for tests of the reload view's logic.
import type { ReloadRecord } from '../../../../server/contract/reload';

export function record(over: Partial<ReloadRecord> = {}): ReloadRecord {
  return {
    id: 7,
    trigger: 'api',
    commit: 'a1b2c3d4e5f6a7b8c9d0a1b2c3d4e5f6a7b8c9d0',
    dirty: false,
    config_hash: 'sha256:00',
    status: 'success',
    started_at: '2025-01-01T00:00:00.000Z',
    duration_ms: 12,
    phases: [
      { name: 'load', status: 'success', duration_ms: 1 },
      { name: 'validate', status: 'success', duration_ms: 1 },
      { name: 'diff', status: 'success', duration_ms: 0.5 },
      { name: 'apply', status: 'success', duration_ms: 4 },
      { name: 'reload', status: 'success', duration_ms: 3 },
      { name: 'health', status: 'success', duration_ms: 2.5 },
    ],
    components: [{ name: 'routing', status: 'success', duration_ms: 1 }],
    changes: [{ path: 'route.routes.1', op: 'add' }],
    rolled_back: false,
    ...over,
  };
}
