import { MongoClient } from 'mongodb';
import { onServer } from '../../../../test/support/server-suites';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MongoIdempotencyStore } from '../idempotency/mongo-idempotency.store';
import { SqliteIdempotencyStore } from '../idempotency/sqlite-idempotency.store';
import { MongoPersonalDataKeys, SqlitePersonalDataKeys } from '../personal-data/personal-data-keys';
import { MongoSealRecords, SqliteSealRecords } from '../audit/seal-records';
import { SecretBox } from '../secrets/secret-box';
import { openAppDatabase } from '../sqlite/app-database';
import { describeSharedStoresContract } from '../testing/shared-stores.contract';
import { MongoApiKeyStore } from './mongo-api-key.store';
import { SqliteApiKeyStore } from './sqlite-api-key.store';
import { MongoWebhookSecretStore, SqliteWebhookSecretStore } from './webhook-secret.store';

const box = new SecretBox(randomBytes(32));

describeSharedStoresContract('sqlite', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pact-app-'));
  const db = openAppDatabase(join(dir, 'app.db'), 'NORMAL');
  return Promise.resolve({
    keys: new SqliteApiKeyStore(db, box),
    idempotency: new SqliteIdempotencyStore(db, box),
    webhookSecrets: new SqliteWebhookSecretStore(db, box),
    personalDataKeys: new SqlitePersonalDataKeys(db),
    sealRecords: new SqliteSealRecords(db),
    box,
    dump: () =>
      Promise.resolve(
        JSON.stringify([
          db.prepare('SELECT * FROM api_keys').all(),
          db.prepare('SELECT * FROM idempotency_records').all(),
          db.prepare('SELECT * FROM webhook_secrets').all(),
          db.prepare('SELECT * FROM personal_data_keys').all(),
        ]),
      ),
    cleanup: () => {
      db.close();
      rmSync(dir, { recursive: true, force: true });
      return Promise.resolve();
    },
  });
});

onServer(
  'MONGODB_URL',
  'the MongoDB key, idempotency, secret, personal-data key and seal stores',
  (url) =>
    describeSharedStoresContract('mongodb', async () => {
      const client = await MongoClient.connect(url);
      const db = client.db(`pact_contract_${randomUUID().slice(0, 8)}`);
      return {
        keys: new MongoApiKeyStore(db, box),
        idempotency: new MongoIdempotencyStore(db, box),
        webhookSecrets: new MongoWebhookSecretStore(db, box),
        personalDataKeys: new MongoPersonalDataKeys(db),
        sealRecords: new MongoSealRecords(client, db),
        box,
        dump: async () =>
          JSON.stringify([
            await db.collection('api_keys').find().toArray(),
            await db.collection('idempotency_records').find().toArray(),
            await db.collection('webhook_secrets').find().toArray(),
            await db.collection('personal_data_keys').find().toArray(),
          ]),
        cleanup: async () => {
          await db.dropDatabase();
          await client.close();
        },
      };
    }),
);
