// Turns sentence templates into sentences: fills their slots, names the brand once per post,
// and draws from the pools so that no sentence is ever used twice.

import { SLOTS } from './content';
import { pick, type Rng, shuffle } from './random';

const NAME_SLOTS = new Set(['F', 'H', 'C', 'CH']);

/** Slots whose values are someone else's: a competitor's {model} and {town} (competitors.yaml). */
export type SlotValues = Readonly<Record<string, readonly string[]>>;

/** Fills {town}, {model}, {model2}, {part}, ... from `own` first, then slots.yaml. The names ({F},
 *  {H}, and a competitor's {C}, {CH}) are left for the post builder. */
export function fillSlots(r: Rng, template: string, own: SlotValues = {}): string {
  const chosen: Record<string, string> = {};
  return template.replace(/\{(\w+?)(2?)\}/g, (whole, name: string, second: string) => {
    if (NAME_SLOTS.has(name)) return whole;
    const values = own[name] ?? SLOTS[name];
    if (!values) throw new Error(`unknown slot ${whole}`);
    if (second)
      return pick(
        r,
        values.filter((v) => v !== chosen[name]),
      );
    const value = pick(r, values);
    chosen[name] = value;
    return value;
  });
}

/** Brand slots: {F} becomes "Fernhill " and {H} "@fernhillhelp " the first time they occur in a
 *  post, and disappear after that (and always in reviews), so a post names the brand once. */
export function renderBrand(texts: string[], brandOnce: boolean): string[] {
  let named = !brandOnce;
  return texts.map((t) =>
    t.replace(/\{([FH])\}/g, (_w, which: string) => {
      if (named) return '';
      named = true;
      return which === 'F' ? 'Fernhill ' : '@fernhillhelp ';
    }),
  );
}

/** Draws sentences from a template list in shuffled cycles; never returns the same sentence twice. */
class Pool {
  private order: number[] = [];
  private next = 0;
  constructor(
    private readonly name: string,
    private readonly templates: readonly string[],
    private readonly r: Rng,
    private readonly used: Set<string>,
    private readonly own: SlotValues,
  ) {
    if (templates.length === 0) throw new Error(`empty pool ${name}`);
  }

  draw(): string {
    for (let attempt = 0; attempt < 200; attempt++) {
      if (this.next >= this.order.length) {
        this.order = shuffle(
          this.r,
          this.templates.map((_t, i) => i),
        );
        this.next = 0;
      }
      const text = fillSlots(this.r, this.templates[this.order[this.next++]!]!, this.own);
      if (!this.used.has(text)) {
        this.used.add(text);
        return text;
      }
    }
    throw new Error(`pool ${this.name} ran out of unique sentences; add templates`);
  }
}

/** The pools of one channel, each created on its first draw and sharing one set of used sentences. */
export class Pools {
  private readonly pools = new Map<string, Pool>();
  constructor(
    private readonly source: Record<string, readonly string[]>,
    private readonly r: Rng,
    private readonly used: Set<string>,
    private readonly own: SlotValues = {},
  ) {}

  has(key: string): boolean {
    return key in this.source;
  }

  draw(key: string): string {
    let pool = this.pools.get(key);
    if (!pool) {
      const templates = this.source[key];
      if (!templates) throw new Error(`no pool ${key}`);
      pool = new Pool(key, templates, this.r, this.used, this.own);
      this.pools.set(key, pool);
    }
    return pool.draw();
  }
}

/** Pool key for a tag in a week: free-repairs complaints change theme from W45 on. */
export function poolKey(tag: string, week: number): string {
  if (tag === 'free-repairs-') return week >= 45 ? 'free-repairs-:late' : 'free-repairs-:early';
  return tag;
}
