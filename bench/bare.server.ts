import Fastify from 'fastify';

/**
 * The ceiling of the stack, in a process of its own: a bare Fastify route answering a JSON POST the
 * way a command does (parse the body, answer 201 with a small JSON), on PORT.
 */
async function main(): Promise<void> {
  const bare = Fastify();
  bare.post('/v1/noop', async (_request, reply) =>
    reply.code(201).send({ revision: 0, position: '1' }),
  );
  await bare.listen({ port: Number(process.env['PORT']), host: '127.0.0.1' });
  process.on('SIGTERM', () => void bare.close().then(() => process.exit(0)));
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
