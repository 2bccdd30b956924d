// hotconf_build_info, as every Prometheus-stack binary exports its *_build_info: a constant 1
// whose labels say what runs, so a dashboard can show versions and an alert can compare them.
import { Gauge, type Registry } from 'prom-client';
import { REVISION, VERSION } from './version';

export function registerBuildInfo(registry: Registry): void {
  const info = new Gauge({ name: 'hotconf_build_info', help: 'The running hotconf: version, git revision of the build, Node.js version.', labelNames: ['version', 'revision', 'node_version'], registers: [registry] });
  info.set({ version: VERSION, revision: REVISION, node_version: process.version }, 1);
}
