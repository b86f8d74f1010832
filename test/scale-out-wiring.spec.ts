import { loadConfig } from '@pact/application';
import {
  ApiKeyStore,
  IdempotencyStore,
  InfrastructureModule,
  MONGO_CLIENT,
  MongoApiKeyStore,
  MongoIdempotencyStore,
  MongoPersonalDataKeys,
  MongoSealRecords,
  PERSONAL_DATA_KEYS,
  SEAL_RECORDS,
  MongoWebhookSecretStore,
  SqliteApiKeyStore,
  SqliteWebhookSecretStore,
  WebhookSecretStore,
} from '@pact/infrastructure';
import {
  DeliveryLog,
  MongoDeliveryLog,
  MongoReminderLedger,
  ReminderLedger,
  RemindersModule,
  SqliteDeliveryLog,
  SqliteReminderLedger,
} from '@pact/reminders';
import { ReadSideModule } from '@pact/projections';
import { EmbeddedReadStore, MongoReadStore, READ_STORE } from '@pact/read-store';
import { Test } from '@nestjs/testing';
import { MongoClient } from 'mongodb';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Which engine holds what a process keeps beside the event store, as the modules wire it. With
 * READ_STORE=mongodb nothing is left in SQLite under DATA_DIR, so api replicas and workers on
 * different hosts share it all. The MongoDB client is the real driver's, never connected: no
 * server runs here, and the stores' behaviour is the contract suites' business.
 */
describe('where the shared stores live', () => {
  let dataDir: string;
  beforeEach(() => (dataDir = mkdtempSync(join(tmpdir(), 'pact-wiring-'))));
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  async function wire(env: Record<string, string>) {
    const config = loadConfig({
      DATA_DIR: dataDir,
      RUN_WORKER: 'false',
      REMINDER_QUEUE_PREFIX: `wiring-${randomUUID()}`,
      ...env,
    });
    const builder = Test.createTestingModule({
      imports: [
        InfrastructureModule.forRoot(config),
        RemindersModule.forRoot(config),
        ReadSideModule.forRoot(config),
      ],
    });
    if (config.readStore === 'mongodb')
      builder
        .overrideProvider(MONGO_CLIENT)
        .useValue(new MongoClient('mongodb://127.0.0.1:9/pact', { serverSelectionTimeoutMS: 100 }));
    return builder.compile();
  }

  it('with READ_STORE=mongodb: every shared store in MongoDB, and no app.db under DATA_DIR', async () => {
    const nest = await wire({
      READ_STORE: 'mongodb',
      MONGODB_URL: 'mongodb://127.0.0.1:9/pact',
      SECRETS_KEY: randomBytes(32).toString('base64'),
    });
    try {
      expect(nest.get(ApiKeyStore)).toBeInstanceOf(MongoApiKeyStore);
      expect(nest.get(IdempotencyStore)).toBeInstanceOf(MongoIdempotencyStore);
      expect(nest.get(WebhookSecretStore)).toBeInstanceOf(MongoWebhookSecretStore);
      expect(nest.get(PERSONAL_DATA_KEYS)).toBeInstanceOf(MongoPersonalDataKeys);
      expect(nest.get(SEAL_RECORDS)).toBeInstanceOf(MongoSealRecords);
      expect(nest.get(ReminderLedger)).toBeInstanceOf(MongoReminderLedger);
      expect(nest.get(DeliveryLog)).toBeInstanceOf(MongoDeliveryLog);
      expect(nest.get(READ_STORE)).toBeInstanceOf(MongoReadStore);
      expect(readdirSync(dataDir).filter((file) => file.startsWith('app.db'))).toEqual([]);
      expect(readdirSync(dataDir)).not.toContain('secrets.key');
    } finally {
      await nest.close();
    }
  });

  it('embedded: the same stores in SQLite beside the embedded engines', async () => {
    const nest = await wire({});
    try {
      expect(nest.get(ApiKeyStore)).toBeInstanceOf(SqliteApiKeyStore);
      expect(nest.get(WebhookSecretStore)).toBeInstanceOf(SqliteWebhookSecretStore);
      expect(nest.get(ReminderLedger)).toBeInstanceOf(SqliteReminderLedger);
      expect(nest.get(DeliveryLog)).toBeInstanceOf(SqliteDeliveryLog);
      expect(nest.get(READ_STORE)).toBeInstanceOf(EmbeddedReadStore);
      expect(readdirSync(dataDir)).toEqual(expect.arrayContaining(['app.db', 'secrets.key']));
    } finally {
      await nest.close();
    }
  });
});
