// Answers too large to hold: a 512 MiB answer, with or without a Content-Length, and a gzip
// bomb (a megabyte on the wire, a gibibyte once decoded), each from a real node:http server.
// The client reads no further than `maxResponseBytes` of decoded bytes, closes the
// connection, and fails with a WwtResponseTooLargeError; its memory barely grows.
import { gzipSync } from "node:zlib";
import { afterEach, describe, expect, it } from "vitest";
import { createRcsClient, WwtResponseTooLargeError } from "../../src/index.js";
import { plainMessage } from "../support/fault-scenarios.js";
import { startFaultServer, type Exchange, type FaultServer } from "../support/fault-server.js";

const apiKey = "test_4f1c2a9e0b7d";
const mebibyte = 1024 * 1024;
const servers: FaultServer[] = [];

afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

interface Streamed {
  /** Bytes the server handed to the connection before it closed. */
  written: number;
}

/**
 * Answers with `chunk` repeated `count` times, as fast as the client reads (never buffering
 * ahead), until the connection closes.
 */
function streamAnswer(chunk: Buffer, count: number, headers: Record<string, string>, streamed: Streamed) {
  return ({ response }: Exchange) => {
    response.writeHead(200, { "content-type": "application/json", ...headers });
    let sent = 0;
    const pump = () => {
      while (sent < count && !response.destroyed) {
        sent++;
        streamed.written += chunk.length;
        if (!response.write(chunk)) return void response.once("drain", pump);
      }
      if (!response.destroyed) response.end();
    };
    pump();
  };
}

async function sendAgainst(answerSend: (exchange: Exchange) => void) {
  const server = await startFaultServer({ answerSend });
  servers.push(server);
  const rcs = createRcsClient({ apiKey, baseUrl: server.url });
  const rssBefore = process.memoryUsage().rss;
  const error = await rcs.sendRcsMessage(plainMessage).catch((e) => e);
  const rssGrowth = process.memoryUsage().rss - rssBefore;
  // The server sees the client close the connection: nothing more is read or waited for.
  await server.sends()[0].connectionClosed;
  return { error, rssGrowth, server };
}

describe("an answer larger than maxResponseBytes (1 MiB by default)", () => {
  const halfMebibyte = Buffer.alloc(mebibyte / 2, "x");

  it.each([
    ["streamed without a Content-Length", {}],
    ["announced by its Content-Length", { "content-length": String(512 * mebibyte) }],
  ])("512 MiB %s are cut off, with the connection closed and memory barely grown", async (_how, headers) => {
    const streamed = { written: 0 };
    const { error, rssGrowth, server } = await sendAgainst(streamAnswer(halfMebibyte, 1024, headers, streamed));
    expect(error).toBeInstanceOf(WwtResponseTooLargeError);
    expect(error).toMatchObject({ operation: "sendRcsMessage", status: 200, maxResponseBytes: mebibyte, outcomeUnknown: true });
    expect(streamed.written).toBeLessThan(64 * mebibyte);
    expect(rssGrowth).toBeLessThan(64 * mebibyte);
    expect(server.sends()).toHaveLength(1);
    expect(server.logins()).toHaveLength(1);
  });

  // A gzip stream may hold many members; each of these inflates to 1 MiB from about 1 KiB.
  const member = gzipSync(Buffer.alloc(mebibyte, "x"));

  it.each([
    ["1 GiB decoded from about 1 MB on the wire", 1024, 2 * mebibyte],
    ["100 MiB decoded from about 100 KB on the wire, well under the limit until decoded", 100, mebibyte / 8],
  ])("a gzip bomb of %s is cut off after 1 MiB of decoded bytes", async (_what, members, wireBytesBelow) => {
    const streamed = { written: 0 };
    const { error, rssGrowth } = await sendAgainst(streamAnswer(member, members, { "content-encoding": "gzip" }, streamed));
    expect(error).toBeInstanceOf(WwtResponseTooLargeError);
    expect(error).toMatchObject({ status: 200, maxResponseBytes: mebibyte, outcomeUnknown: true });
    expect(streamed.written).toBeLessThan(wireBytesBelow);
    expect(rssGrowth).toBeLessThan(64 * mebibyte);
  });
});
