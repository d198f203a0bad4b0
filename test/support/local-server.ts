// A test's own server on 127.0.0.1: started on a free port, and closed at once, kept-alive
// connections included, so that no test waits for a client to hang up.
import { once } from "node:events";
import type { Server } from "node:http";
import type { Server as TlsServer } from "node:https";
import type { AddressInfo } from "node:net";

/** Starts `server` on a free port of 127.0.0.1 and gives its origin, such as http://127.0.0.1:4321. */
export async function listenLocally(server: Server | TlsServer, scheme: "http" | "https" = "http"): Promise<string> {
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  return originOf(server, scheme);
}

/** The origin of a server that listens on 127.0.0.1. */
export function originOf(server: Server | TlsServer, scheme: "http" | "https" = "http"): string {
  return `${scheme}://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** Closes `server` and every connection it holds, and waits until it has. */
export async function closeNow(server: Server | TlsServer): Promise<void> {
  server.closeAllConnections();
  if (!server.listening) return;
  const closed = once(server, "close");
  server.close();
  await closed;
}
