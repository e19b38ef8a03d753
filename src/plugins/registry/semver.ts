/** Numeric identifiers compared exactly, however long (no float rounding). */
const cmpNumeric = (x: string, y: string) => {
  const [a, b] = [BigInt(x), BigInt(y)];
  return a === b ? 0 : a < b ? -1 : 1;
};

const SEMVER = /^(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$/;

/** Semantic-version precedence (SemVer 2.0.0 §11): negative when a < b; build metadata ignored. */
export function compareSemver(a: string, b: string): number {
  const pa = SEMVER.exec(a);
  const pb = SEMVER.exec(b);
  if (!pa || !pb) throw new Error(`not a semantic version: ${pa ? b : a}`);
  for (let i = 1; i <= 3; i++) {
    const d = cmpNumeric(pa[i]!, pb[i]!);
    if (d !== 0) return d;
  }
  const [preA, preB] = [pa[4], pb[4]];
  if (preA === preB) return 0;
  if (preA === undefined) return 1; // a release outranks its pre-releases
  if (preB === undefined) return -1;
  const [ia, ib] = [preA.split('.'), preB.split('.')];
  for (let i = 0; i < Math.max(ia.length, ib.length); i++) {
    const [x, y] = [ia[i], ib[i]];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    const [nx, ny] = [/^\d+$/.test(x), /^\d+$/.test(y)];
    if (nx && ny && cmpNumeric(x, y) !== 0) return cmpNumeric(x, y);
    if (nx !== ny) return nx ? -1 : 1; // numeric identifiers rank lower
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}
