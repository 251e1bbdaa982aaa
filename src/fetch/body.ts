import type { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { constants, createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import { FetchError } from './errors.js';

/**
 * Reads a response body into memory, decoding Content-Encoding here rather than trusting a
 * library to, because the size cap must count decoded bytes: 1 MB of gzip can hold 1 GB of
 * zeros. Stops reading (and so tears down the socket) the moment the cap is passed.
 */
export async function readCappedBody(body: Readable, contentEncoding: string | undefined, maxBytes: number, url: string): Promise<Buffer> {
  const decoders = decodersFor(contentEncoding, url);
  const chunks: Buffer[] = [];
  let total = 0;
  let overCap: FetchError | undefined;
  const sink = async (source: AsyncIterable<Buffer>): Promise<void> => {
    for await (const chunk of source) {
      total += chunk.length;
      if (total > maxBytes) {
        // Throwing here makes pipeline destroy every stream, the response body included.
        overCap = new FetchError('too-large', url, `body is larger than ${formatBytes(maxBytes)} (after decompression); stopped reading`);
        throw overCap;
      }
      chunks.push(chunk);
    }
  };
  const [first, second] = decoders;
  try {
    if (first && second) await pipeline(body, first, second, sink);
    else if (first) await pipeline(body, first, sink);
    else await pipeline(body, sink);
  } catch (err) {
    // With a decoder in the middle, pipeline may report the decoder's AbortError instead of
    // the sink's own error; the cap is the real reason.
    throw overCap ?? err;
  }
  return Buffer.concat(chunks, total);
}

/** Content-Encoding lists encodings in the order applied, so they are undone in reverse. */
function decodersFor(contentEncoding: string | undefined, url: string): Transform[] {
  const codings = (contentEncoding ?? '')
    .toLowerCase()
    .split(',')
    .map((c) => c.trim())
    .filter((c) => c !== '' && c !== 'identity');
  if (codings.length > 2) {
    throw new FetchError('network', url, `refusing ${codings.length} stacked content encodings (${contentEncoding})`);
  }
  return codings.reverse().map((coding) => decoderFor(coding, url));
}

// Lenient flush like browsers: a body cut short at the end still yields what was decoded.
const LENIENT = { flush: constants.Z_SYNC_FLUSH, finishFlush: constants.Z_SYNC_FLUSH };

function decoderFor(coding: string, url: string): Transform {
  switch (coding) {
    case 'gzip':
    case 'x-gzip':
      return createGunzip(LENIENT);
    case 'deflate':
      return createInflate(LENIENT);
    case 'br':
      return createBrotliDecompress({
        flush: constants.BROTLI_OPERATION_FLUSH,
        finishFlush: constants.BROTLI_OPERATION_FLUSH,
      });
    default:
      throw new FetchError('network', url, `unsupported content encoding "${coding}"`);
  }
}

export function formatBytes(n: number): string {
  if (n >= 1024 * 1024 && n % (1024 * 1024) === 0) return `${n / (1024 * 1024)} MiB`;
  if (n >= 1024 && n % 1024 === 0) return `${n / 1024} KiB`;
  return `${n} bytes`;
}
