/**
 * The demo's synthetic traffic: a binary churn-like classifier whose numeric
 * features depend on the stream, plus the customer's country. Every country
 * follows the stream's old concept until week 3, when DE's concept changes
 * (the drift is confined to that one slice); v1, the model in production,
 * keeps the old concept. 5 % label noise. The streams themselves are in
 * stream-hyperplane.ts and stream-sea.ts.
 */
import { seededRandom } from '@tideline/runtime';

export const DAY = 86_400_000;
export const COUNTRIES = ['US', 'BR', 'DE'] as const;
export const DRIFTED = 'DE';
const NOISE = 0.05;

export interface Row {
  id: string;
  ts: number;
  features: Record<string, number>;
  country: string;
  label: boolean;
}

/** A drift stream: how features are drawn, the concept before and after the switch, and v1's score (the old concept). */
export interface DriftStream {
  /** Short name, used in model names and reports ("hyperplane", "sea"). */
  name: string;
  /** What changes on DE in week 3, for the narration. */
  drift: string;
  /** One row's numeric features from a seeded uniform [0, 1) source. */
  draw: (random: () => number) => Record<string, number>;
  /** The noiseless label under the old concept (`drifted` false) or DE's new one. */
  concept: (features: Record<string, number>, drifted: boolean) => boolean;
  /** v1's score: the old concept, confident away from its boundary. */
  v1Score: (features: Record<string, number>) => number;
  /** The family (and its params) the retraining uses: the simplest one that can express both concepts side by side. */
  training: { family: 'LOGISTIC' | 'MLP'; params: Record<string, unknown> };
}

/** The three phases of the story, as time ranges ending at `now` (minute-aligned). */
export function timeline(now: number) {
  return {
    /** Weeks 1 and 2: every country follows the old concept. */
    before: { from: now - 22 * DAY, to: now - 8 * DAY },
    /** Week 3: DE's concept has changed; labels arrive for only part of the traffic. */
    during: { from: now - 8 * DAY, to: now - DAY },
    /** The day after the promotion, scored by the new champion. */
    after: { from: now - DAY, to: now },
  };
}

/** `n` rows spread evenly over `range`, countries in turn; DE follows the new concept when `drifted`. */
export function rows(stream: DriftStream, n: number, range: { from: number; to: number }, drifted: boolean, seed: number, prefix: string): Row[] {
  const random = seededRandom(seed);
  const step = (range.to - range.from) / n;
  return Array.from({ length: n }, (_, i) => {
    const features = stream.draw(random);
    const country = COUNTRIES[i % COUNTRIES.length]!;
    const noise = random() < NOISE;
    return { id: `${prefix}${i}`, ts: Math.floor(range.from + i * step), features, country, label: stream.concept(features, drifted && country === DRIFTED) !== noise };
  });
}

/** What the service logs for each request v1 answers (POST /v1/predictions). */
export function prediction(model: string, stream: DriftStream, r: Row) {
  const { id, features, country } = r;
  return { id, model, modelVersion: 'v1', timestamp: new Date(r.ts).toISOString(), features: { ...features, country }, tags: { country }, output: { score: stream.v1Score(features) } };
}

/** The ground truth once it is known (POST /v1/feedback). */
export const feedback = (model: string, { id, label }: Row) => ({ model, predictionId: id, label: { positive: label } });
