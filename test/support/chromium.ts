// Debian's Chromium (/usr/bin/chromium, from apt: no browser is downloaded from npm),
// launched headless by playwright-core for the browser tests, with everything that would
// reach the internet on its own turned off.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { chromium, type Browser } from "playwright-core";

export const chromiumPath = "/usr/bin/chromium";

function requireChromium() {
  if (!existsSync(chromiumPath)) throw new Error(`${chromiumPath} is missing: sudo apt-get install -y chromium`);
}

/** The installed version, e.g. `156.0.8078.114`. */
export function chromiumVersion(): string {
  requireChromium();
  return /\d+(\.\d+)+/.exec(execFileSync(chromiumPath, ["--version"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }))![0];
}

export function launchChromium(): Promise<Browser> {
  requireChromium();
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: [
      "--no-sandbox", "--headless", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ],
  });
}
