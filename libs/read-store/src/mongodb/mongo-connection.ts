import {
  MongoClient,
  MongoNetworkError,
  MongoNotConnectedError,
  MongoServerSelectionError,
  MongoTopologyClosedError,
  type Document,
  type MongoClientOptions,
} from 'mongodb';

/** How long an operation waits for a server before it fails: an outage answers 503 within this. */
export const SERVER_SELECTION_TIMEOUT_MS = 5000;

/** Client options for every MongoDB connection of the app; the URL's own settings win. */
export function mongoClientOptions(url: string): MongoClientOptions {
  return /[?&]serverSelectionTimeoutMS=/i.test(url)
    ? {}
    : { serverSelectionTimeoutMS: SERVER_SELECTION_TIMEOUT_MS };
}

/**
 * Whether the deployment runs transactions: a replica set member names its set, and `mongos` (a
 * sharded cluster's router) answers `msg: "isdbgrid"` without a set name. A standalone server does not.
 */
export function supportsTransactions(hello: Document): boolean {
  return typeof hello['setName'] === 'string' || hello['msg'] === 'isdbgrid';
}

/**
 * Connects and refuses a deployment without transactions: read models, their figures and their
 * checkpoint commit in one transaction, and without one a crash mid-page leaves them disagreeing.
 */
export async function connectTransactional(url: string): Promise<MongoClient> {
  const client = new MongoClient(url, mongoClientOptions(url));
  await client.connect();
  const hello = await client.db().admin().command({ hello: 1 });
  if (!supportsTransactions(hello)) {
    await client.close();
    throw new Error(
      `MongoDB at ${redactCredentials(url)} is a standalone server: the read store needs transactions, so a replica set (a single member will do: mongod --replSet rs0, then rs.initiate()) or a sharded cluster`,
    );
  }
  return client;
}

/** MongoDB is not reachable (no server selected, the connection dropped or closed): retry later. */
export function isMongoUnavailable(error: unknown): boolean {
  return (
    error instanceof MongoServerSelectionError ||
    error instanceof MongoNetworkError ||
    error instanceof MongoNotConnectedError ||
    error instanceof MongoTopologyClosedError
  );
}

function redactCredentials(url: string): string {
  return url.replace(/\/\/[^@/]*@/, '//***@');
}
