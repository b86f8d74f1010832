import { MongoClient } from 'mongodb';
import { createServer, type Server, type Socket } from 'node:net';
import {
  connectTransactional,
  isMongoUnavailable,
  mongoClientOptions,
  SERVER_SELECTION_TIMEOUT_MS,
  supportsTransactions,
} from './mongo-connection';
import { CLOSED_PORT } from '../../../../test/support/redis-server';

/** A listener that accepts connections and never answers: a stalled server. */
async function stalledListener(): Promise<{ port: number; server: Server; sockets: Socket[] }> {
  const sockets: Socket[] = [];
  const server = createServer((socket) => sockets.push(socket));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: (server.address() as { port: number }).port, server, sockets };
}

describe('MongoDB connections', () => {
  it('tells transactional deployments (replica set members, mongos) from a standalone server', () => {
    expect(supportsTransactions({ isWritablePrimary: true, setName: 'rs0' })).toBe(true);
    expect(supportsTransactions({ isWritablePrimary: true, msg: 'isdbgrid' })).toBe(true);
    expect(supportsTransactions({ isWritablePrimary: true })).toBe(false);
  });

  it('bounds server selection to about 5 s unless the URL says otherwise', () => {
    expect(mongoClientOptions('mongodb://db:27017/pact')).toEqual({
      serverSelectionTimeoutMS: SERVER_SELECTION_TIMEOUT_MS,
    });
    expect(mongoClientOptions('mongodb://db:27017/pact?serverSelectionTimeoutMS=900')).toEqual({});
  });

  it('classes the real driver’s errors for a refused port and a stalled server as unavailability', async () => {
    const refused = `mongodb://127.0.0.1:${CLOSED_PORT}/pact?serverSelectionTimeoutMS=300`;
    const client = new MongoClient(refused, mongoClientOptions(refused));
    const error = await client
      .db()
      .collection('pledges')
      .findOne({})
      .catch((e: unknown) => e);
    expect(isMongoUnavailable(error)).toBe(true);
    await client.close();
    expect(isMongoUnavailable(await connectTransactional(refused).catch((e: unknown) => e))).toBe(
      true,
    );

    const stalled = await stalledListener();
    const url = `mongodb://127.0.0.1:${stalled.port}/pact?serverSelectionTimeoutMS=300&connectTimeoutMS=200`;
    const started = Date.now();
    const hung = await connectTransactional(url).catch((e: unknown) => e);
    expect(isMongoUnavailable(hung)).toBe(true);
    expect(Date.now() - started).toBeLessThan(5000);
    for (const socket of stalled.sockets) socket.destroy();
    await new Promise((resolve) => stalled.server.close(resolve));
  });

  it('does not take other errors for unavailability', () => {
    expect(isMongoUnavailable(new Error('boom'))).toBe(false);
    expect(isMongoUnavailable(undefined)).toBe(false);
  });
});
