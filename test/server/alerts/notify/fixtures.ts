// Notifications for the notifier tests: several shapes of group, as the dispatcher hands them over.
import type { Notification, NotifyAlert } from '../../../../server/alerts/notify/types';

const alert = (over: Partial<NotifyAlert> & Pick<NotifyAlert, 'labels'>): NotifyAlert => ({
  status: 'firing',
  annotations: {},
  startsAt: '2024-05-01T10:00:00Z',
  generatorURL: 'http://prom.example:9090/graph?g0.expr=up&g0.tab=1',
  fingerprint: 'f0',
  ...over,
});

export const DATASETS: Record<string, { notification: Notification; externalURL: string }> = {
  firingOnly: {
    externalURL: 'http://am.example:9093',
    notification: {
      receiver: 'team-db',
      groupKey: '{}/{team="db"}:{alertname="DiskFull"}',
      groupLabels: { alertname: 'DiskFull' },
      alerts: [
        alert({ labels: { alertname: 'DiskFull', team: 'db', instance: 'db-1:9100', severity: 'critical' }, annotations: { summary: 'disk 97% full', runbook: 'http://wiki/disk' }, fingerprint: 'a1' }),
        alert({ labels: { alertname: 'DiskFull', team: 'db', instance: 'db-2:9100', severity: 'critical' }, annotations: { summary: 'disk 97% full', runbook: 'http://wiki/disk' }, fingerprint: 'a2', startsAt: '2024-05-01T10:05:00.123Z' }),
      ],
    },
  },
  resolvedOnly: {
    externalURL: '',
    notification: {
      receiver: 'ops',
      groupKey: '{}:{alertname="Down", job="api"}',
      groupLabels: { job: 'api', alertname: 'Down' },
      alerts: [alert({ status: 'resolved', labels: { alertname: 'Down', job: 'api', instance: 'api-1' }, annotations: { description: 'api-1 is back' }, endsAt: '2024-05-01T10:30:00Z', fingerprint: 'b1' })],
    },
  },
  mixed: {
    externalURL: 'https://alerts.example.com/am',
    notification: {
      receiver: 'team/db ops',
      groupKey: '{}/{team=~"db|ops"}:{}',
      groupLabels: {},
      alerts: [
        alert({ labels: { alertname: 'Latency', team: 'db', zone: 'eu-1' }, annotations: { summary: 'p99 > 1s' }, fingerprint: 'c1' }),
        alert({ labels: { alertname: 'Latency', team: 'db', zone: 'eu-2' }, fingerprint: 'c2' }),
        alert({ status: 'resolved', labels: { alertname: 'Errors', team: 'db', zone: 'eu-1' }, annotations: { summary: 'ok now', description: '' }, endsAt: '2024-05-01T11:00:00Z', fingerprint: 'c3', generatorURL: '' }),
      ],
    },
  },
  manyLabels: {
    externalURL: 'http://am.example:9093',
    notification: {
      receiver: 'all',
      groupKey: '{}:{cluster="k8s-prod", namespace="payments"}',
      groupLabels: { namespace: 'payments', cluster: 'k8s-prod' },
      alerts: [
        alert({
          labels: {
            alertname: 'PodCrashLooping', cluster: 'k8s-prod', namespace: 'payments', pod: 'pay-7d9f<x>', container: 'app', job: 'kube-state-metrics',
            instance: '10.0.0.7:8080', severity: 'warning', team: 'payments', Zone: 'ä-north', _private: 'y', 'label_with_Ünïcode': 'Ω & <b>',
          },
          annotations: { summary: 'Pod is "crash looping" & restarting', description: 'Container app restarted 5 times + more.\nSecond line.' },
          fingerprint: 'd1',
        }),
      ],
    },
  },
  emptyAnnotations: {
    externalURL: 'http://am.example:9093/',
    notification: {
      receiver: 'quiet',
      groupKey: '{}:{alertname="Watchdog"}',
      groupLabels: { alertname: 'Watchdog' },
      alerts: [
        alert({ labels: { alertname: 'Watchdog', severity: 'none' }, fingerprint: 'e1' }),
        alert({ labels: { alertname: 'Watchdog', severity: 'none', replica: 'b' }, fingerprint: 'e2' }),
      ],
    },
  },
};
