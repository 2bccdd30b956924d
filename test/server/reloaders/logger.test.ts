import { describe, expect, it } from 'vitest';
import { LogHub } from '../../../server/log';
import { LoggerReloader } from '../../../server/reloaders/logger';
import { ctx, makeConfig } from './helpers';

describe('LoggerReloader', () => {
  it('first start: swaps the hub to the config’s settings; rollback restores the hub’s own', async () => {
    const hub = new LogHub({ level: 'info', format: 'json' }, () => {});
    const logger = new LoggerReloader(hub);
    expect(logger.current).toBeNull();
    await logger.activate(await logger.prepare(makeConfig({ log: { level: 'debug', format: 'text' } }), ctx()), ctx());
    expect(hub.current).toEqual({ level: 'debug', format: 'text' });
    await logger.health(ctx());
    await logger.rollback(ctx());
    expect(hub.current).toEqual({ level: 'info', format: 'json' });
    expect(logger.current).toBeNull();
  });

  it('a change commits the new settings, and a later rollback returns to the committed ones', async () => {
    const hub = new LogHub({ level: 'info', format: 'json' }, () => {});
    const logger = new LoggerReloader(hub);
    await logger.activate(await logger.prepare(makeConfig({ log: { level: 'warn' } }), ctx()), ctx());
    await logger.commit(ctx());
    await logger.activate(await logger.prepare(makeConfig({ log: { level: 'error', format: 'text' } }), ctx()), ctx());
    expect(hub.current).toEqual({ level: 'error', format: 'text' });
    await logger.rollback(ctx());
    expect(hub.current).toEqual({ level: 'warn', format: 'json' });
    expect(logger.current).toEqual({ level: 'warn', format: 'json' });
  });

  it('health fails when something else swapped the hub behind its back', async () => {
    const hub = new LogHub({ level: 'info', format: 'json' }, () => {});
    const logger = new LoggerReloader(hub);
    await logger.activate(await logger.prepare(makeConfig(), ctx()), ctx());
    hub.swap({ level: 'debug', format: 'json' });
    await expect(logger.health(ctx())).rejects.toThrow(/log settings are debug\/json, expected info\/json/);
  });

  it('discarding a prepared value changes nothing', async () => {
    const hub = new LogHub({ level: 'info', format: 'json' }, () => {});
    const logger = new LoggerReloader(hub);
    await logger.discard(await logger.prepare(makeConfig({ log: { level: 'debug' } }), ctx()), ctx());
    expect(hub.current.level).toBe('info');
  });
});
