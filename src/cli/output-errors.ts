/**
 * What happens when our own output cannot be written: the reader closed the pipe
 * (`classify | head -1`) or the disk is full (`parse … > /dev/full`). Without a listener, Node
 * throws these from the stream as an unhandled 'error' event with a stack trace.
 */
export function guardOutput(stream: NodeJS.WriteStream, stderr: NodeJS.WritableStream, exit: (code: number) => never = process.exit): void {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    // Whoever reads our output has stopped reading: nothing more to say, and nobody to say it to.
    if (err.code === 'EPIPE') exit(0);
    stderr.write(`outage-radar: cannot write the output: ${err.code ?? err.message}${err.code === 'ENOSPC' ? ' (no space left on the device)' : ''}\n`);
    exit(1);
  });
}
