// Accuracy per condition x duration, in the shape of shared/bench/evaluate.mjs, so a
// run can be read without leaving the command.
export interface Query {
  qid: string;
  track: string | null;
  condition: string;
  duration_s: number;
}
export interface Answer {
  qid: string;
  top: string | null;
  score: number;
  ms: number | null;
  /** Diagnostics beyond FORMAT.md (the evaluator ignores them): the candidates' votes,
   *  confidences, tracks and where in each track the clip starts (seconds; a verifier of
   *  the candidates reads them, docs/engine.md "A band envelope confirms the candidates"),
   *  the winning hypothesis, what named the answer (hashes or the band envelope) and the
   *  envelope's own best candidate, the
   *  best track even when below the bar, and where in that
   *  track the clip starts, and what the question cost: distinct hashes looked up and
   *  passes made (`MatchResult.stats`, summed over the passes). */
  votes?: number[];
  conf?: number[];
  tracks?: string[];
  starts_s?: number[];
  hyp?: number;
  evidence?: 'hashes' | 'envelope';
  /** The band envelope's best candidate, its r and confidence, when it was searched. */
  envelope?: { track: string; r: number; conf: number; support?: { anchors: number; chance: number; near: number } } | null;
  best?: string | null;
  at_s?: number | null;
  hashes?: number;
  passes?: number;
}

const pct = (a: number, n: number) => (n ? `${((100 * a) / n).toFixed(1)}%` : '–');

export function accuracyTable(queries: Query[], answers: Answer[]): string {
  const byQid = new Map(answers.map((a) => [a.qid, a]));
  const durations = [...new Set(queries.map((q) => q.duration_s))].sort((a, b) => a - b);
  const conditions = [...new Set(queries.filter((q) => q.track).map((q) => q.condition))].sort();
  const cell = (cond: string | null, dur: number | null) => {
    const qs = queries.filter((q) => q.track && (cond === null || q.condition === cond) && (dur === null || q.duration_s === dur));
    const right = qs.filter((q) => byQid.get(q.qid)?.top === q.track).length;
    return `${pct(right, qs.length)} (${qs.length})`;
  };
  const rows = [`| condition | ${durations.map((d) => `${d} s`).join(' | ')} | all |`, `|---|${durations.map(() => '---').join('|')}|---|`];
  for (const c of [...conditions, null]) {
    rows.push(`| ${c ?? '**all**'} | ${durations.map((d) => cell(c, d)).join(' | ')} | ${cell(c, null)} |`);
  }
  const pos = queries.filter((q) => q.track);
  const neg = queries.filter((q) => !q.track);
  const wrong = pos.filter((q) => { const t = byQid.get(q.qid)?.top; return t && t !== q.track; }).length;
  const fp = neg.filter((q) => byQid.get(q.qid)?.top).length;
  const ms = answers.map((a) => a.ms ?? 0).sort((a, b) => a - b);
  const q = (p: number) => ms[Math.min(ms.length - 1, Math.floor(p * ms.length))]?.toFixed(1);
  rows.push('');
  rows.push(`positives ${pos.length}: wrong track ${wrong} (${pct(wrong, pos.length)}); negatives ${neg.length}: false positives ${fp} (${pct(fp, neg.length)})`);
  rows.push(`query ms: median ${q(0.5)}, p95 ${q(0.95)}`);
  return rows.join('\n');
}

/** Lower edges of the reliability table's confidence bins. */
const BINS = [0.9, 0.99, 0.995, 0.999, 0.9999, 0.99999];

/** Spans (s) of a track whose audio another track holds too (the corpus' shared_regions.json). */
export type SharedRegions = Record<string, [number, number][]>;

/**
 * Is the confidence honest? Every query's best candidate, answered or not, binned by its
 * confidence: how many, and the share that names the wrong track (a negative's best is
 * always wrong). A calibrated matcher is wrong less often than 1 - c in the bin [c, next).
 * A wrong best whose span overlaps audio its track shares with another (`shared`) is counted
 * apart: the index holds that audio, so it is no chance match.
 */
export function reliabilityTable(queries: Query[], answers: Answer[], shared: SharedRegions = {}): string {
  const byQid = new Map(answers.map((a) => [a.qid, a]));
  const n = BINS.map(() => ({ all: 0, wrong: 0, pos: 0, neg: 0, same: 0 }));
  for (const q of queries) {
    const a = byQid.get(q.qid);
    if (!a?.best) continue;
    let b = -1;
    for (let i = 0; i < BINS.length; i++) if (a.score >= BINS[i]) b = i;
    if (b < 0) continue;
    const at = a.at_s ?? -1;
    // the clip's whole span: a clip starting in a gap between two listed regions still holds shared audio
    if (a.best !== q.track && (shared[a.best] ?? []).some(([s, e]) => at <= e && at + q.duration_s >= s)) {
      n[b].same++;
      continue;
    }
    n[b].all++;
    if (q.track) n[b].pos++;
    else n[b].neg++;
    if (a.best !== q.track) n[b].wrong++;
  }
  const rows = ['| confidence | best candidates (positives + negatives) | wrong | share wrong | bound 1 − c | shared audio, apart |', '|---|---|---|---|---|---|'];
  BINS.forEach((lo, i) => {
    const hi = BINS[i + 1];
    const bound = 1 - lo;
    const share = n[i].all ? n[i].wrong / n[i].all : 0;
    const flag = share > bound ? ' **over**' : '';
    rows.push(`| ${lo}${hi ? `–${hi}` : '+'} | ${n[i].all} (${n[i].pos} + ${n[i].neg}) | ${n[i].wrong} | ${pct(n[i].wrong, n[i].all)}${flag} | ${(bound * 100).toPrecision(2)}% | ${n[i].same} |`);
  });
  return rows.join('\n');
}
