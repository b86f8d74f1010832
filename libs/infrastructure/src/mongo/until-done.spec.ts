import { untilDone } from './until-done';

describe('untilDone', () => {
  it('runs the task again after it failed, and never again once it succeeded', async () => {
    let calls = 0;
    const ensure = untilDone(() => {
      calls++;
      return calls === 1
        ? Promise.reject(new Error('server selection timed out'))
        : Promise.resolve();
    });
    await expect(ensure()).rejects.toThrow('server selection timed out');
    await ensure();
    await ensure();
    expect(calls).toBe(2);
  });

  it('shares one run between callers that ask at once', async () => {
    let calls = 0;
    const ensure = untilDone(async () => {
      calls++;
      await new Promise((resolve) => setTimeout(resolve, 5));
    });
    await Promise.all([ensure(), ensure(), ensure()]);
    expect(calls).toBe(1);
  });
});
