// Files joined by any similar pair form one cluster (union-find); each pair keeps the
// stronger of its two directions (the class first, then the share of records).
import { CLASS_RANK } from '../../common/similarity';
import type { Similar } from './similarity';

/** The evidence of `a` against `b` (coverage: a's, then b's). */
export interface Pair extends Omit<Similar, 'track'> {
  a: number;
  b: number;
}

const inverse = (x: number) => Math.round(1000 / x) / 1000;
const stronger = (p: Pair, q: Pair) =>
  CLASS_RANK[p.class] - CLASS_RANK[q.class] || p.similarity - q.similarity;

export class Clusters {
  private parent = new Map<number, number>();
  private pairs = new Map<string, Pair>();

  private find(x: number): number {
    if (!this.parent.has(x)) this.parent.set(x, x);
    let p = this.parent.get(x)!;
    while (p !== x) {
      const grand = this.parent.get(p)!;
      this.parent.set(x, grand); // path halving
      x = p;
      p = this.parent.get(x)!;
    }
    return x;
  }

  link(p: Pair): void {
    // stored as (lower, higher), its evidence turned round with it
    const q: Pair = p.a < p.b ? p : { ...p, a: p.b, b: p.a, coverage: [p.coverage[1], p.coverage[0]], offset: -p.offset, speed: inverse(p.speed), pitch: inverse(p.pitch), balance: { bassDb: -p.balance.bassDb, trebleDb: -p.balance.trebleDb } };
    const { a, b } = q;
    const key = `${a}:${b}`;
    const known = this.pairs.get(key);
    if (!known || stronger(q, known) > 0) this.pairs.set(key, q);
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.parent.set(Math.max(ra, rb), Math.min(ra, rb));
  }

  /** Clusters in order of their first member, members ascending, pairs strongest first. */
  list(): { members: number[]; pairs: Pair[] }[] {
    const groups = new Map<number, { members: number[]; pairs: Pair[] }>();
    for (const x of [...this.parent.keys()]) {
      const root = this.find(x);
      if (!groups.has(root)) groups.set(root, { members: [], pairs: [] });
      groups.get(root)!.members.push(x);
    }
    for (const p of this.pairs.values()) groups.get(this.find(p.a))!.pairs.push(p);
    for (const g of groups.values()) {
      g.members.sort((x, y) => x - y);
      g.pairs.sort((x, y) => stronger(y, x));
    }
    return [...groups.values()].sort((x, y) => x.members[0] - y.members[0]);
  }
}
