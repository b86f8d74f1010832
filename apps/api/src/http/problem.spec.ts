import { MongoClient } from 'mongodb';
import { createServer } from 'node:net';
import { toProblem } from './problem';

describe('errors as problems', () => {
  it('answers 503 with Retry-After when MongoDB is unreachable (the real driver’s error)', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    await new Promise((resolve) => server.close(resolve));
    const client = new MongoClient(`mongodb://127.0.0.1:${port}/pact?serverSelectionTimeoutMS=200`);
    const error = await client
      .db()
      .collection('pledges')
      .findOne({})
      .catch((e: unknown) => e);
    await client.close();
    const { problem, headers } = toProblem(error);
    expect(problem.status).toBe(503);
    expect(headers).toEqual({ 'retry-after': '5' });
  });

  it('keeps an unexpected error a 500', () => {
    expect(toProblem(new Error('boom')).problem.status).toBe(500);
  });
});
