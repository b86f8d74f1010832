import 'reflect-metadata';
import { Body, Controller, HttpCode, Module, Param, Post } from '@nestjs/common';
import { APP_PIPE, NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { StrictValidationPipe } from '../apps/api/src/http/validation.pipe';
import { ReportMilestoneDto } from '../apps/api/src/pledges/report-milestone/report-milestone.controller';
import { SignPledgeDto } from '../apps/api/src/pledges/sign-pledge/sign-pledge.controller';

/**
 * What the framework alone costs, in a process of its own: Nest on Fastify with the app's request
 * validation (its pipe and the two commands' bodies), answering as a command does and doing nothing
 * else: no authentication, rate limit, logging, command, event store or projection. Between the bare
 * Fastify route and the app, it shows how much of a command's time is Nest and validation.
 */
@Controller('v1/pledges')
class ValidationOnlyController {
  @Post()
  @HttpCode(201)
  sign(@Body() _body: SignPledgeDto) {
    return { pledgeId: 'p', revision: 0, position: '1' };
  }

  @Post(':id/milestones')
  @HttpCode(201)
  report(@Param('id') _id: string, @Body() _body: ReportMilestoneDto) {
    return { milestoneId: 'm', cycle: 1, revision: 1, position: '2' };
  }
}

@Module({
  controllers: [ValidationOnlyController],
  providers: [{ provide: APP_PIPE, useClass: StrictValidationPipe }],
})
class ValidationOnlyModule {}

async function main(): Promise<void> {
  const app = await NestFactory.create<NestFastifyApplication>(
    ValidationOnlyModule,
    new FastifyAdapter(),
    { logger: false },
  );
  await app.listen(Number(process.env['PORT']), '127.0.0.1');
  process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
