// The notification a receiver is handed, as the alert engine builds it. The bodies each
// integration sends are built by its notifier in server/alerts/notify/.
export type { NotifyAlert, NotificationGroup, Notification } from './notify/types';
export { groupStatus, commonPairs } from './notify/data';
