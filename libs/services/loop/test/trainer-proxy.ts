/**
 * The trainer subgraph behind a link (subgraphLink of @tideline/testing) that
 * answers 503 to `cancelTraining` while `refusing` says so, as a trainer that
 * is down or overloaded answers; every other request, and every cancel once
 * it stops refusing, reaches the real trainer.
 */
import { subgraphLink } from '@tideline/testing';

export interface TrainerLink {
  /** Env for startDevPlatform: its port and TIDELINE_SUBGRAPH_URLS with the trainer behind this link. */
  env: Record<string, string>;
  /** Cancels still to refuse (Infinity: all, until set back to 0). */
  refusing: number;
  close(): Promise<void>;
  /** cancelTraining requests refused so far, and passed on. */
  refused: number;
  passed: number;
}

/** The link; the test file closes it in a top-level `afterAll` (one registered here, inside `beforeAll`, would never run). */
export async function trainerLink(): Promise<TrainerLink> {
  const counts = { refusing: 0, refused: 0, passed: 0 };
  const link = await subgraphLink('trainer', (body) => {
    if (!body.includes('cancelTraining')) return;
    if (counts.refusing <= 0) return void counts.passed++;
    counts.refusing--;
    counts.refused++;
    return 503;
  });
  return Object.assign(counts, { env: link.env, close: link.close });
}
