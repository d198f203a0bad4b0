// Reading a body whole without trusting its sender: the client reads the platform's answers
// this way, the callback receiver the platform's reports. The read gives up as soon as the
// body passes its size limit, or when `stop` rejects (a deadline, an abort), whichever comes
// first, and lets go of the stream either way; `discard` lets go of a body left unread.

/**
 * The bytes of `stream`. Throws what `tooLarge()` returns once more than `limit` bytes came,
 * what `stop` rejects with when it does first, and what the stream failed with.
 */
export async function readAtMost(
  stream: ReadableStream<Uint8Array> | null,
  limit: number,
  stop: Promise<never>,
  tooLarge: () => unknown,
): Promise<Uint8Array<ArrayBuffer>> {
  if (stream === null) return new Uint8Array(0);
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (let read = await Promise.race([reader.read(), stop]); !read.done; read = await Promise.race([reader.read(), stop])) {
      size += read.value.byteLength;
      if (size > limit) throw tooLarge();
      chunks.push(read.value);
    }
  } catch (error) {
    reader.cancel().catch(() => undefined);
    throw error;
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

/** Lets go of the body of a request or an answer that will not be read; one already read or failed has nothing to stop. */
export async function discard(message: Request | Response): Promise<void> {
  await message.body?.cancel().catch(() => undefined);
}
