import { mkdirSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { join } from 'node:path';

/**
 * `apps/api/src/main.ts` as `npm start` runs it, for the HTTP bench. With BENCH_PROFILE=DIR, the
 * bench's `profile` messages start and stop the CPU profiler, so a profile covers one measured run
 * and not the start: `DIR/<name>.cpuprofile`, answered with `profiled` once written. (Signals will
 * not do: the app closes on SIGUSR2 like on SIGTERM.)
 */
const profileDir = process.env['BENCH_PROFILE'];
if (profileDir && process.send) {
  mkdirSync(profileDir, { recursive: true });
  const session = new Session();
  session.connect();
  process.on('message', (message: { profile?: 'start' | 'stop'; name?: string }) => {
    void (async () => {
      if (message.profile === 'start') {
        await session.post('Profiler.enable');
        await session.post('Profiler.start');
        process.send!({ profiling: true });
      } else if (message.profile === 'stop') {
        const { profile } = await session.post('Profiler.stop');
        writeFileSync(join(profileDir, `${message.name}.cpuprofile`), JSON.stringify(profile));
        process.send!({ profiled: message.name });
      }
    })();
  });
}

// Loaded once the message handler is in place: the app starts as `npm start` starts it.
void import('../apps/api/src/main');
