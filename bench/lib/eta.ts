// The bench's ETA figure: how far the build's progress lines were from when it really ended.

/** A progress line: when it was printed, the ETA it promised, and the phase it was in. */
export type EtaLine = [atMs: number, etaS: number, phase?: string];

/** The worst line: its error (% of the time then left), when it came (share of the build) and its phase. */
export interface EtaWorst {
  pct: number;
  at: number;
  phase: string;
}

/**
 * How far the progress lines' ETA was from the build's end, from a tenth of its time to nine
 * tenths: the largest |ETA − time left| as a percentage of the time left (ETAs are whole
 * seconds, so a second's rounding is forgiven; in the last tenth a second is a large share).
 * Undefined without a progress line then.
 */
export function etaWorst(etas: EtaLine[], wallMs: number): EtaWorst | undefined {
  let worst: EtaWorst | undefined;
  for (const [at, eta, phase = ''] of etas) {
    if (at < wallMs / 10 || at > (wallMs * 9) / 10) continue;
    const left = (wallMs - at) / 1000;
    const pct = (100 * Math.max(0, Math.abs(eta - left) - 1)) / left;
    if (!worst || pct > worst.pct) worst = { pct, at: at / wallMs, phase };
  }
  return worst;
}
