// Measurement 5: memory after many reloads. A fresh process per service (so the bigger
// configs of the latency runs leave no heap behind), N fixed, two variants alternated so
// every reload is a real change. RSS is read after a short idle pause every `step` reloads:
// the targets compare the first and the last point, the points between show whether
// growth is a steady leak or a heap settling at its working size.
import { setTimeout as sleep } from 'node:timers/promises';
import { changeAndReload } from './latency.mjs';
import { keepAliveAgent } from './http.mjs';
import { summarize } from './stats.mjs';

const MB = 1_000_000;

async function point(service, reloads, agent) {
  await sleep(500);
  const detail = service.memoryDetail ? await service.memoryDetail(agent) : {};
  return { reloads, rss_mb: service.rssBytes() / MB, ...detail };
}

export async function measureRss(service, { n, step, total, onProgress }) {
  const agent = keepAliveAgent(1);
  const wall = [];
  const started = Date.now();
  try {
    const points = [await point(service, 0, agent)];
    for (let i = 1; i <= total; i++) {
      const result = await changeAndReload(service, n, i % 2 === 0 ? 2 : 1, agent);
      wall.push(result.wallMs);
      if (i % step === 0) {
        points.push(await point(service, i, agent));
        onProgress?.(i, points.at(-1).rss_mb);
      }
    }
    const first = points.find((p) => p.reloads === step);
    const last = points.at(-1);
    const growth = first && last !== first ? ((last.rss_mb - first.rss_mb) / first.rss_mb) * 100 : null;
    return { n, step, total, points, growth_pct: growth, wall_ms: summarize(wall), seconds: (Date.now() - started) / 1000 };
  } finally {
    agent.destroy();
  }
}
