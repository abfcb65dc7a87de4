import { describe, expect, it } from 'vitest';
import { createSendingChunks } from '../../src/load/sending-chunks.js';
import type { BinaryChunk } from '../../src/runner/binary-chunk.js';

// Streams as the seed loop sees them: a running total written and a running total sent.
const stream = () => ({ writtenBytes: 0, sentBytes: 0 });
const chunk = (name: string) => ({ name }) as unknown as BinaryChunk;

describe('createSendingChunks', () => {
  it('gives a chunk back only once every stream has sent all bytes up to the chunk\'s end', () => {
    const streams = [stream(), stream()];
    const given: BinaryChunk[] = [];
    const sending = createSendingChunks(streams, (c) => given.push(c));
    const first = chunk('first');
    streams[0]!.writtenBytes = 100;
    streams[1]!.writtenBytes = 40;
    sending.written(first);
    expect(given).toEqual([]);

    streams[0]!.sentBytes = 100;
    streams[1]!.sentBytes = 39;
    sending.written(chunk('empty')); // a chunk with no bytes ends where the first does
    expect(given).toEqual([]);

    streams[1]!.sentBytes = 40;
    streams[0]!.writtenBytes = 150;
    const third = chunk('third');
    sending.written(third);
    expect(given.map((c) => (c as unknown as { name: string }).name)).toEqual(['first', 'empty']);
    expect(given).not.toContain(third);
  });

  it('waits until the chunks still being sent are few enough, looking again as bytes go out', async () => {
    const streams = [stream()];
    const given: BinaryChunk[] = [];
    const sending = createSendingChunks(streams, (c) => given.push(c));
    streams[0]!.writtenBytes = 10;
    sending.written(chunk('a'));
    let settled = false;
    const waiting = sending.untilAtMost(0, () => false).then(() => (settled = true));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(settled).toBe(false);
    streams[0]!.sentBytes = 10;
    await waiting;
    expect(given).toHaveLength(1);
  });

  it('stops waiting, giving nothing back, when told to stop (a failed COPY never sends the rest)', async () => {
    const streams = [stream()];
    const given: BinaryChunk[] = [];
    const sending = createSendingChunks(streams, (c) => given.push(c));
    streams[0]!.writtenBytes = 10;
    sending.written(chunk('a'));
    let stop = false;
    const waiting = sending.untilAtMost(0, () => stop);
    setTimeout(() => (stop = true), 10);
    await waiting;
    expect(given).toEqual([]);
  });
});
