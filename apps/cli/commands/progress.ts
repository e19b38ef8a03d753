/** A one-line progress bar on stderr (only on a terminal; silent in pipes and CI logs). */
export function progress(label: string, total: number) {
  const tty = process.stderr.isTTY;
  let done = 0;
  const draw = () => {
    if (!tty) return;
    const width = 24;
    const filled = Math.round((done / Math.max(total, 1)) * width);
    process.stderr.write(`\r${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}`);
  };
  draw();
  return {
    tick() {
      done++;
      draw();
    },
    done() {
      if (tty) process.stderr.write('\n');
    },
  };
}
