export * from './delivery/delivery-log';
export * from './delivery/delivery-queue';
export * from './delivery/webhook-signature';
export * from './queues/reminder-queues';
export * from './reminders.module';
export * from './reminders-monitor';
export * from './scheduling/reminder-jobs';
export * from './scheduling/reminder-processor';
