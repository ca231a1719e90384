// Alerts between digests (docs/alerts.md): detecting what fires (alerts/detect.ts), sending it
// without spam (alerts/send.ts) and replaying past days (alerts/replay.ts).
export * from './alerts/detect';
export * from './alerts/replay';
export * from './alerts/send';
