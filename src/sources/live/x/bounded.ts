import type { ClientRequestArgs, IncomingMessage } from 'node:http';
import type { ITwitterApiClientPlugin } from 'twitter-api-v2';

/** What bounds one X API request (not the filtered stream, which is long-lived by design). */
export interface XRequestLimits {
  /** The whole request: connect, headers and the full body. */
  timeoutMs: number;
  /** Bytes of the answer read before we hang up. */
  maxResponseBytes: number;
}

/** A request we cut short ourselves; its message is what the source's last error says. */
export class XRequestCutError extends Error {}

interface InFlight {
  timer: NodeJS.Timeout;
  /** Why we cut it, once we did. */
  cut?: XRequestCutError;
  /** What the socket said, when it failed on its own (the client's own error hides it). */
  socketError?: Error;
}

/**
 * Bounds every X API request the client sends. The client's own `timeout` is a socket idle
 * timeout: an endpoint that trickles a byte now and then held a poll (and its ingest slot) for
 * ever, and one that streamed an endless body was buffered until the process died
 * (ERR_STRING_TOO_LONG, uncaught). Here one AbortSignal ends the request at a whole-request
 * deadline or past a byte cap, which destroys the socket; the failure is then reported as our
 * own error, with what happened, instead of the client's bare "Request failed.".
 *
 * The client's decompression is turned off so that the cap counts what is buffered: a small
 * gzip body cannot expand past it. X's answers are small JSON pages.
 */
export function boundedRequests(limits: XRequestLimits): ITwitterApiClientPlugin {
  // Keyed by the request's options object: the same one reaches every hook of one request.
  const inFlight = new WeakMap<Partial<ClientRequestArgs>, InFlight>();
  const settle = (options: Partial<ClientRequestArgs>): InFlight | undefined => {
    const state = inFlight.get(options);
    if (state) clearTimeout(state.timer);
    inFlight.delete(options);
    return state;
  };
  const rethrow = (options: Partial<ClientRequestArgs>): void => {
    const state = settle(options);
    if (state?.cut) throw state.cut;
    if (state?.socketError) throw new XRequestCutError(`X API request failed: ${state.socketError.message}`);
  };
  return {
    onBeforeRequest({ params, requestOptions }) {
      const controller = new AbortController();
      const cut = (message: string): void => {
        const state = inFlight.get(requestOptions);
        if (!state || state.cut) return;
        state.cut = new XRequestCutError(message);
        controller.abort(state.cut);
      };
      const timer = setTimeout(() => cut(`X API: no complete answer within ${limits.timeoutMs} ms; connection closed`), limits.timeoutMs);
      timer.unref();
      inFlight.set(requestOptions, { timer });
      requestOptions.signal = controller.signal;
      params.compression = false;
      params.requestEventDebugHandler = (event, data?: { res?: IncomingMessage; requestError?: Error }) => {
        if (event === 'request-error' && data?.requestError) {
          const state = inFlight.get(requestOptions);
          if (state) state.socketError = data.requestError;
        }
        if (event !== 'response' || !data?.res) return;
        let bytes = 0;
        data.res.on('data', (chunk: Buffer) => {
          bytes += chunk.length;
          if (bytes > limits.maxResponseBytes) cut(`X API: answer larger than ${limits.maxResponseBytes} bytes; stopped reading`);
        });
      };
    },
    onAfterRequest({ requestOptions }) {
      settle(requestOptions);
    },
    onRequestError({ requestOptions }) {
      rethrow(requestOptions);
    },
    onResponseError({ requestOptions }) {
      rethrow(requestOptions);
    },
  };
}
