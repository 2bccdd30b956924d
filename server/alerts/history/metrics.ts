// The alert history's metric, on the admin listener's /metrics beside the reload metrics.
import { Counter, type Registry } from 'prom-client';
import type { PrunedTable } from './pruner';

export class HistoryMetrics {
  private readonly pruned: Counter<'table'>;

  constructor(registry: Registry) {
    this.pruned = new Counter({
      name: 'hotconf_history_pruned_rows_total',
      help: 'Alert history rows deleted by database.retention, by table.',
      labelNames: ['table'],
      registers: [registry],
    });
    // Both series exist from the first scrape.
    for (const table of ['alerts', 'deliveries'] as const) this.pruned.inc({ table }, 0);
  }

  prunedRows(table: PrunedTable, rows: number): void {
    this.pruned.inc({ table }, rows);
  }
}
