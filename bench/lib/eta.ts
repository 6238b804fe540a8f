// The build's progress lines promise an ETA; the bench checks it against when the build ended.

/**
 * How far the progress lines' ETA was from the build's end, from a tenth of its time to nine
 * tenths: the largest |ETA − time left| as a percentage of the time left (ETAs are whole
 * seconds, so a second's rounding is forgiven; in the last tenth a second is a large share).
 * Undefined without a progress line then.
 */
export function etaError(etas: [atMs: number, etaS: number][], wallMs: number): number | undefined {
  const errors = etas
    .filter(([at]) => at >= wallMs / 10 && at <= (wallMs * 9) / 10)
    .map(([at, eta]) => {
      const left = (wallMs - at) / 1000;
      return (100 * Math.max(0, Math.abs(eta - left) - 1)) / left;
    });
  return errors.length ? Math.max(...errors) : undefined;
}
