import { CLOCK, type Clock } from '@pact/application';
import { DeliveryLog, DeliveryQueue, ReminderQueues, type DeliveryStatus } from '@pact/reminders';
import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { Allow } from '../../auth/access.decorator';
import { invalidInput, notFound, problem, ProblemException } from '../../http/problem';
import { QueryParams, AcceptsQuery } from '../../http/query-params';
import { EmptyDto } from '../../http/empty.dto';

const STATUSES: readonly DeliveryStatus[] = ['pending', 'delivered', 'dead', 'cancelled'];
const CHANNELS = ['webhook', 'email'] as const;

/** Prompt deliveries (webhook and email): the dead letters, and retrying them. */
const DELIVERY_QUERY = ['status', 'limit'];

@Controller('v1/admin/deliveries')
export class DeliveriesController {
  constructor(
    private readonly log: DeliveryLog,
    private readonly queue: DeliveryQueue,
    private readonly queues: ReminderQueues,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** `?status=dead` lists the dead letters: deliveries that used up every retry. */
  @Get()
  @AcceptsQuery(DELIVERY_QUERY)
  @Allow('admin')
  async list(@Query() query: Record<string, unknown>) {
    const params = new QueryParams(query, DELIVERY_QUERY);
    const status = params.oneOf('status', STATUSES);
    const limit = params.integer('limit', 1, 1000, 100);
    params.done();
    return {
      items: (await this.log.list(status, limit)).map(({ payload: _payload, ...rest }) => rest),
    };
  }

  /** Puts a dead delivery back on the queue with a fresh set of retries. */
  @Post(':promptId/:channel/retry')
  @Allow('admin')
  @HttpCode(202)
  async retry(
    @Param('promptId') promptId: string,
    @Param('channel') channel: string,
    @Body() _body: EmptyDto,
  ) {
    return retryDeadDelivery(this.log, this.queue, this.queues, this.clock, promptId, channel);
  }
}

/** Puts a dead delivery back on the queue: the API's and the admin page's one way to do it. */
export async function retryDeadDelivery(
  log: DeliveryLog,
  queue: DeliveryQueue,
  queues: ReminderQueues,
  clock: Clock,
  promptId: string,
  channel: string,
) {
  const known = CHANNELS.find((c) => c === channel);
  if (!known) throw invalidInput(`channel must be one of ${CHANNELS.join(', ')}`);
  const current = await log.find(promptId, known);
  if (!current) throw notFound(`No ${known} delivery of prompt ${promptId}`);
  if (current.status !== 'dead')
    throw new ProblemException(
      problem(409, `Only dead deliveries are retried; this one is ${current.status}`),
    );
  if (!(await queues.isUp()))
    throw new ProblemException(problem(503, 'Redis is not reachable; retry later'));
  const delivery = await queue.retry(promptId, known, clock.now());
  // Another admin (or replica) retried it between the read above and the reopen.
  if (!delivery)
    throw new ProblemException(problem(409, 'This delivery was retried meanwhile; it is pending'));
  const { payload: _payload, ...rest } = delivery;
  return rest;
}
