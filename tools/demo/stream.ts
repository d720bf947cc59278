/**
 * The demo's synthetic model: a binary churn-like classifier on two numeric
 * features and the customer's country, a rotating hyperplane. Churn follows
 * x1 > 0 everywhere until week 3, when DE's hyperplane turns by `rotation`
 * (π, the demo's: churn when x1 < 0 — a pricing change in one market). v1,
 * the model in production, keeps the old rule. 5 % label noise.
 */
import { seededRandom } from '@tideline/runtime';

export const DAY = 86_400_000;
export const COUNTRIES = ['US', 'BR', 'DE'] as const;
export const DRIFTED = 'DE';

export interface Row {
  id: string;
  ts: number;
  x1: number;
  x2: number;
  country: string;
  label: boolean;
}

/** The three phases of the story, as time ranges ending at `now` (minute-aligned). */
export function timeline(now: number) {
  return {
    /** Weeks 1 and 2: every country follows the old rule. */
    before: { from: now - 22 * DAY, to: now - 8 * DAY },
    /** Week 3: DE's concept has flipped; labels arrive for only part of the traffic. */
    during: { from: now - 8 * DAY, to: now - DAY },
    /** The day after the promotion, scored by the new champion. */
    after: { from: now - DAY, to: now },
  };
}

/** `n` rows spread evenly over `range`, DE's hyperplane turned by `rotation` radians (0: no drift). */
export function rows(n: number, range: { from: number; to: number }, rotation: number, seed: number, prefix: string): Row[] {
  const random = seededRandom(seed);
  const uniform = () => 4 * random() - 2;
  const step = (range.to - range.from) / n;
  return Array.from({ length: n }, (_, i) => {
    const [x1, x2, country, noise] = [uniform(), uniform(), COUNTRIES[i % COUNTRIES.length]!, random() < 0.05];
    const turn = country === DRIFTED ? rotation : 0;
    const rule = Math.cos(turn) * x1 + Math.sin(turn) * x2 > 0;
    return { id: `${prefix}${i}`, ts: Math.floor(range.from + i * step), x1, x2, country, label: rule !== noise };
  });
}

/** v1's score: the old rule, confident away from the boundary. */
export const v1Score = (r: Row) => 1 / (1 + Math.exp(-3 * r.x1));

/** What the service logs for each request v1 answers (POST /v1/predictions). */
export function prediction(model: string, r: Row) {
  const { id, x1, x2, country } = r;
  return { id, model, modelVersion: 'v1', timestamp: new Date(r.ts).toISOString(), features: { x1, x2, country }, tags: { country }, output: { score: v1Score(r) } };
}

/** The ground truth once it is known (POST /v1/feedback). */
export const feedback = (model: string, { id, label }: Row) => ({ model, predictionId: id, label: { positive: label } });
