import { describe, expect, it } from 'vitest';
import { fileQueue, untilSent } from '../../src/runner/until-sent.js';

// Streams as the seed loop sees them: bytes written and not yet taken by the kernel.
const stream = (queuedBytes: number) => ({ queuedBytes });

describe('untilSent', () => {
  it('resolves at once when nothing is queued', async () => {
    expect(await untilSent([stream(0), stream(0)], () => false)).toBe(true);
  });

  it('waits until every stream has sent what it holds, looking again as bytes go out', async () => {
    const streams = [stream(0), stream(10)];
    let settled = false;
    const waiting = untilSent(streams, () => false).then((sent) => {
      settled = true;
      return sent;
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(settled).toBe(false);
    streams[1]!.queuedBytes = 0;
    expect(await waiting).toBe(true);
  });

  it('gives up, saying so, when told to stop (a failed COPY never sends the rest)', async () => {
    let stop = false;
    setTimeout(() => (stop = true), 10);
    expect(await untilSent([stream(10)], () => stop)).toBe(false);
  });

  it('counts what a file stream holds, and nothing once it has failed (it will not read it again)', async () => {
    expect(fileQueue({ writableLength: 5, errored: null }).queuedBytes).toBe(5);
    const failed = fileQueue({ writableLength: 5, errored: new Error('ENOSPC') });
    expect(failed.queuedBytes).toBe(0);
    expect(await untilSent([failed])).toBe(true);
  });
});
