// Where the mock may POST callbacks. Anyone who can send it a request chooses the
// `callback_url`, so by default it posts only to loopback addresses (127.0.0.0/8 and ::1),
// and never turns into a way to reach other hosts from the machine it runs on (a cloud's
// metadata service at 169.254.169.254, say). A name counts by what it resolves to, as the OS
// resolver answers fetch and node:http: `localhost` is loopback, a name with a public address
// is not, whatever it spells. The connection then goes to the addresses judged, not to a
// second answer of the resolver.
import { lookup } from "node:dns/promises";
import { BlockList, isIP } from "node:net";

/** Which hosts get callbacks: loopback addresses only (the default), or any host. */
export type CallbackHosts = "loopback" | "any";

/** A host name's addresses. */
export type Resolve = (hostname: string) => Promise<string[]>;

/** The OS resolver, as fetch and node:http use it (`dns.lookup`, every address). */
export const systemResolve: Resolve = async (hostname) => (await lookup(hostname, { all: true, verbatim: true })).map((entry) => entry.address);

const loopback = new BlockList();
loopback.addSubnet("127.0.0.0", 8, "ipv4");
loopback.addAddress("::1", "ipv6");

/** Whether `address` (an IP address) is a loopback one; an IPv4-mapped IPv6 address counts as its IPv4 address. */
export function isLoopback(address: string): boolean {
  const family = isIP(address);
  return family !== 0 && loopback.check(address, family === 4 ? "ipv4" : "ipv6");
}

/** The addresses to post a callback to, or why it goes nowhere. */
export type Destination = { addresses: string[] } | { refused: string };

/** Where the callbacks for `url` may go, under `hosts`. */
export async function callbackDestination(url: URL, { hosts, resolve }: { hosts: CallbackHosts; resolve: Resolve }): Promise<Destination> {
  const host = url.hostname.replace(/^\[(.*)\]$/, "$1");
  let addresses = [host];
  if (!isIP(host)) {
    try {
      addresses = await resolve(host);
    } catch (error) {
      return { refused: `${host} does not resolve (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})` };
    }
    if (addresses.length === 0) return { refused: `${host} resolves to no address` };
  }
  if (hosts === "any") return { addresses };
  const outside = addresses.filter((address) => !isLoopback(address));
  if (outside.length === 0) return { addresses };
  const what = isIP(host) ? `${host} is not a loopback address` : `${host} resolves to ${outside.join(", ")}, not ${outside.length > 1 ? "loopback addresses" : "a loopback address"}`;
  return {
    refused:
      `${what}; the mock posts callbacks only to localhost, 127.0.0.0/8 and [::1] ` +
      `unless started with --allow-callbacks-to-any-host (callbackHosts: "any")`,
  };
}
