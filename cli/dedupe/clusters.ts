// Files joined by any similar pair form one cluster (union-find); each pair keeps the
// higher of its two directions (an excerpt is wholly inside its source, not vice versa).
import type { SimilarityClass } from '../../common/api-types';

export interface Pair {
  a: number;
  b: number;
  similarity: number;
  class: SimilarityClass;
}

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
    const [a, b] = p.a < p.b ? [p.a, p.b] : [p.b, p.a];
    const key = `${a}:${b}`;
    const known = this.pairs.get(key);
    if (!known || p.similarity > known.similarity) this.pairs.set(key, { ...p, a, b });
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
      g.pairs.sort((x, y) => y.similarity - x.similarity);
    }
    return [...groups.values()].sort((x, y) => x.members[0] - y.members[0]);
  }
}
