// Types of `wwt-rcs/mock` (Node.js only): the WWT.world RCS API mock, Prism behind a layer
// that answers in the platform's dialect. Needs the optional peer dependency
// @stoplight/prism-cli.

export interface MockOptions {
  /** The port to listen on; 0 (the default) lets the OS choose a free one. */
  port?: number;
  /** The address to listen on. Default `127.0.0.1`. */
  host?: string;
  /** Receives each line Prism and the mock log (requests, callback deliveries). Default: silent. */
  onLog?: (line: string) => void;
}

export interface RunningMock {
  /** Where the mock listens, such as `http://127.0.0.1:4010`: the client's `baseUrl`. */
  readonly url: string;
  /**
   * Forgets every `phone.reference_id` the mock has accepted (so a repeat is accepted again,
   * not answered 429) and restarts the ids it gives. `POST <url>/__mock/reset` does the same.
   */
  reset(): void;
  /** Stops the mock and its Prism process, and frees the port; safe to call more than once. */
  stop(): Promise<void>;
  /** Settles once the mock has stopped: after `stop()`, or when its Prism process ended on its own. */
  readonly closed: Promise<void>;
}

/**
 * Starts the mock and resolves once it answers. It rejects with an error that names the
 * install command when @stoplight/prism-cli is missing, and when the port is taken.
 */
export declare function startMock(options?: MockOptions): Promise<RunningMock>;
