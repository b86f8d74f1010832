import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter as BullBoardFastifyAdapter } from '@bull-board/fastify';
import type { ReminderQueues } from '@pact/reminders';
import type { FastifyInstance } from 'fastify';
import type { Authenticator } from '../../auth/authenticator';
import { problem, ProblemException } from '../../http/problem';

export const QUEUE_DASHBOARD_PATH = '/admin/queues';

/**
 * Bull Board over the reminder and delivery queues, for admin keys only. Browsers get a Basic
 * challenge (any user name, the key as password); scripts may send the usual Bearer key.
 */
export async function mountQueueDashboard(
  fastify: FastifyInstance,
  queues: ReminderQueues,
  authenticator: Authenticator,
): Promise<void> {
  const board = new BullBoardFastifyAdapter();
  board.setBasePath(QUEUE_DASHBOARD_PATH);
  createBullBoard({
    queues: [new BullMQAdapter(queues.reminders), new BullMQAdapter(queues.deliveries)],
    serverAdapter: board,
  });
  await fastify.register(
    async (scope) => {
      scope.addHook('onRequest', async (request, reply) => {
        const refuse = (status: number, detail: string) =>
          reply
            .code(status)
            .header('content-type', 'application/problem+json')
            .header('www-authenticate', 'Basic realm="pact-registry queues"')
            .send(problem(status, detail));
        try {
          const principal = await authenticator.authenticateBasic(request.headers.authorization);
          if (principal.kind === 'anonymous')
            return refuse(401, 'The queue dashboard needs an admin key');
          if (principal.role !== 'admin')
            return refuse(403, `The queue dashboard is not open to ${principal.role} keys`);
        } catch (error) {
          if (error instanceof ProblemException) return refuse(401, 'Unknown or revoked API key');
          throw error;
        }
      });
      await scope.register(board.registerPlugin());
    },
    { prefix: QUEUE_DASHBOARD_PATH },
  );
}
