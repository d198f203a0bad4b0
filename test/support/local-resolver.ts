// The resolver the tests give the mock (startMockWith) for the host names of callback URLs:
// `localhost` is 127.0.0.1, a name listed in `names` has the addresses given, and any other
// name fails at once, without a DNS query. With it, and the mock's rule of posting callbacks
// to loopback addresses only, no test sends a packet beyond loopback, not even for the spec
// examples' callback URLs (https://hooks.example.com/…). `asked` lists the names it was asked.
import type { Resolve } from "../../src/mock/callback-hosts.js";

export function localResolver(names: Record<string, string[]> = {}): Resolve & { asked: string[] } {
  const known = new Map(Object.entries({ localhost: ["127.0.0.1"], ...names }));
  const asked: string[] = [];
  const resolve = async (hostname: string) => {
    asked.push(hostname);
    const addresses = known.get(hostname.toLowerCase());
    if (addresses) return addresses;
    throw Object.assign(new Error(`the tests resolve no host name but localhost and their own (${hostname})`), { code: "ENOTFOUND" });
  };
  return Object.assign(resolve, { asked });
}
