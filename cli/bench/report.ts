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
  /** Diagnostics beyond FORMAT.md (the evaluator ignores them): the candidates' votes and
   *  confidences, the winning hypothesis, the best track even when below the bar, and
   *  where in that track the clip starts (seconds). */
  votes?: number[];
  conf?: number[];
  hyp?: number;
  best?: string | null;
  at_s?: number | null;
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
